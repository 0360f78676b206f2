package dev.mledger.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.drift.DriftSettings;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowReporterTest {
  static final MonitorDefinition MONITOR =
      new MonitorDefinition(
          "churn",
          "churn-model",
          "3",
          "dataset:customers@1.0.0",
          List.of(
              new FeatureSpec("age", FeatureType.NUMERIC),
              new FeatureSpec("income", FeatureType.NUMERIC),
              new FeatureSpec("plan", FeatureType.CATEGORICAL)),
          FeatureType.CATEGORICAL,
          new WindowSpec.ByCount(500),
          "plan");

  static MonitorEvent event(
      double age, Double income, String plan, String prediction, String label) {
    Map<String, Object> f = new HashMap<>();
    f.put("age", age);
    f.put("income", income);
    f.put("plan", plan);
    return new MonitorEvent(0, f, prediction, label, 10.0, 0.002);
  }

  static ReferenceProfile reference(long seed) {
    Random r = new Random(seed);
    ReferenceProfile ref = ReferenceProfile.empty(MONITOR);
    for (int i = 0; i < 2000; i++) {
      ref.add(
          event(
              40 + 10 * r.nextGaussian(),
              50_000 + 5_000 * r.nextGaussian(),
              r.nextBoolean() ? "basic" : "pro",
              r.nextBoolean() ? "stay" : "churn",
              null));
    }
    return ref;
  }

  static List<MonitorEvent> current(long seed, double ageShift) {
    Random r = new Random(seed);
    List<MonitorEvent> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Double income = i % 50 == 0 ? null : 50_000 + 5_000 * r.nextGaussian();
      String plan = i % 100 == 0 ? "enterprise" : (r.nextBoolean() ? "basic" : "pro");
      double age = i == 7 ? 1_000 : 40 + ageShift + 10 * r.nextGaussian();
      String prediction = r.nextBoolean() ? "stay" : "churn";
      String label = i < 100 ? (i % 4 == 0 ? "churn" : prediction) : null;
      events.add(event(age, income, plan, prediction, label));
    }
    return events;
  }

  private final WindowReporter reporter =
      new WindowReporter(MONITOR, reference(1), DriftSettings.defaults().withParallelism(1));

  @Test
  void reportsDriftQualityPerformanceLatencyAndCost() {
    WindowReport report = reporter.report(current(2, 15), 0, 10);
    assertThat(report.rows()).isEqualTo(500);
    FeatureReport age = report.features().get(0);
    FeatureReport income = report.features().get(1);
    FeatureReport plan = report.features().get(2);
    assertThat(age.drifted()).isTrue();
    assertThat(income.drifted()).isFalse();
    assertThat(age.quality().outOfRange()).isGreaterThanOrEqualTo(1);
    assertThat(income.quality().nulls()).isEqualTo(10);
    assertThat(income.quality().nullRate()).isEqualTo(0.02);
    assertThat(plan.quality().unseen()).isEqualTo(5);
    assertThat(report.prediction()).isNotNull();
    assertThat(report.performance().labelled()).isEqualTo(100);
    assertThat(report.performance().accuracy()).isBetween(0.6, 0.9);
    assertThat(report.latency().p95()).isEqualTo(10.0);
    assertThat(report.totalCost()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(RootCause.rank(report))
        .extracting(RootCause.RankedFeature::feature)
        .first()
        .isEqualTo("age");
  }

  @Test
  void stableWindowRaisesNoAlertsUnderTheDefaultPolicy() {
    // Without the unseen "enterprise" plan, which is real drift the chi-square test rightly flags.
    List<MonitorEvent> stable =
        current(3, 0).stream().filter(e -> !"enterprise".equals(e.features().get("plan"))).toList();
    WindowReport report = reporter.report(stable, 0, 10);
    AlertPolicy policy =
        new AlertPolicy(
            List.of(new AlertRule(Statistic.P_VALUE, 0.001, Severity.CRITICAL)),
            java.util.Optional.of(dev.mledger.core.stats.AdjustmentMethod.BONFERRONI),
            java.time.Duration.ZERO,
            0);
    AlertEngine.Evaluation e =
        new AlertEngine(policy).evaluate(Map.of(), Signal.of(report, policy), 0);
    assertThat(e.transitions()).isEmpty();
    assertThat(e.states())
        .containsKeys(
            new AlertKey("age", Statistic.P_VALUE), new AlertKey("plan", Statistic.P_VALUE));
  }

  @Test
  void slicesReportEachSegmentSeparately() {
    List<SliceAnalysis.Slice> slices =
        SliceAnalysis.bySegment(reporter, "plan", current(4, 0), 0, 10, 20);
    assertThat(slices).extracting(SliceAnalysis.Slice::segment).containsExactly("basic", "pro");
    assertThat(slices.get(0).report().rows() + slices.get(1).report().rows()).isEqualTo(495);
  }

  @Test
  void profileSurvivesBytesAndMerges() {
    ReferenceProfile a = reference(1);
    ReferenceProfile copy = ReferenceProfile.fromBytes(a.toBytes());
    assertThat(copy.columns().keySet()).containsExactlyElementsOf(a.columns().keySet());
    assertThat(copy.column("age").count()).isEqualTo(2000);
    copy.merge(reference(5));
    assertThat(copy.rows()).isEqualTo(4000);
  }

  @Test
  void parallelReportEqualsSerialReport() {
    ReferenceProfile reference = reference(1);
    // Below the KLL k the window sketches are exact, so serial and parallel agree exactly.
    List<MonitorEvent> events = current(6, 5).subList(0, 150);
    WindowReport serial =
        new WindowReporter(MONITOR, reference, DriftSettings.defaults().withParallelism(1))
            .report(events, 0, 1);
    WindowReport parallel =
        new WindowReporter(MONITOR, reference, DriftSettings.defaults().withParallelism(3))
            .report(events, 0, 1);
    assertThat(parallel.features()).hasSameSizeAs(serial.features());
    for (int i = 0; i < serial.features().size(); i++) {
      FeatureReport a = serial.features().get(i);
      FeatureReport b = parallel.features().get(i);
      assertThat(b.feature()).isEqualTo(a.feature());
      assertThat(b.quality()).isEqualTo(a.quality());
      assertThat(b.drift().verdict()).isEqualTo(a.drift().verdict());
    }
    assertThat(parallel.prediction().drift().verdict())
        .isEqualTo(serial.prediction().drift().verdict());
  }

  @Test
  void emptyWindowIsRejected() {
    assertThatThrownBy(() -> reporter.report(List.of(), 0, 0)).isInstanceOf(MledgerException.class);
  }
}
