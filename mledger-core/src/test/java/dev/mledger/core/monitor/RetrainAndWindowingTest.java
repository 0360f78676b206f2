package dev.mledger.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.RetrainController.Decision;
import dev.mledger.core.monitor.RetrainController.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainAndWindowingTest {
  private static final long HOUR = 3_600_000;

  private static RetrainPolicy policy() {
    return new RetrainPolicy(
        Severity.CRITICAL,
        0.05,
        0.9,
        null,
        10_000,
        Duration.ofHours(2),
        2,
        Duration.ofDays(1),
        List.of("train.sh"),
        null,
        null,
        Map.of(),
        false);
  }

  private static AlertTransition critical() {
    return new AlertTransition(
        new AlertKey("age", Statistic.P_VALUE),
        AlertTransition.Kind.OPENED,
        Severity.CRITICAL,
        1e-9,
        1e-3);
  }

  @Test
  void triggersAreVetoedByCooldownAndBudget() {
    RetrainController c = new RetrainController(policy());
    Decision first = c.decide(new Observation(10 * HOUR, List.of(critical()), null, 0), List.of());
    assertThat(first.launch()).isTrue();
    assertThat(first.triggers()).singleElement().asString().startsWith("drift: critical");

    Decision cooling =
        c.decide(new Observation(11 * HOUR, List.of(critical()), null, 0), List.of(10 * HOUR));
    assertThat(cooling.launch()).isFalse();
    assertThat(cooling.vetoedBy()).startsWith("cooldown");

    Decision budget =
        c.decide(
            new Observation(20 * HOUR, List.of(), new Performance(100, 0.8, null, null), 0),
            List.of(10 * HOUR, 13 * HOUR));
    assertThat(budget.triggers()).singleElement().asString().startsWith("performance");
    assertThat(budget.vetoedBy()).startsWith("budget");

    Decision volume =
        c.decide(
            new Observation(40 * HOUR, List.of(), null, 10_000), List.of(10 * HOUR, 13 * HOUR));
    assertThat(volume.launch()).isTrue();
    assertThat(volume.triggers()).singleElement().asString().startsWith("new data");

    Decision quiet = c.decide(new Observation(40 * HOUR, List.of(), null, 5), List.of());
    assertThat(quiet.launch()).isFalse();
    assertThat(quiet.vetoedBy()).isNull();
  }

  @Test
  void warningsDoNotTriggerACriticalPolicy() {
    AlertTransition warning =
        new AlertTransition(
            new AlertKey("age", Statistic.PSI),
            AlertTransition.Kind.OPENED,
            Severity.WARNING,
            0.3,
            0.2);
    assertThat(
            new RetrainController(policy())
                .decide(new Observation(0, List.of(warning), null, 0), List.of())
                .launch())
        .isFalse();
  }

  @Test
  void policyNeedsExactlyOneAction() {
    assertThatThrownBy(
            () ->
                new RetrainPolicy(
                    Severity.WARNING,
                    null,
                    null,
                    null,
                    0,
                    Duration.ZERO,
                    1,
                    Duration.ofDays(1),
                    List.of(),
                    null,
                    null,
                    Map.of(),
                    false))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("exactly one");
  }

  @Test
  void approvalNeedsAGateToComeAfter() {
    assertThatThrownBy(
            () ->
                new RetrainPolicy(
                    Severity.WARNING,
                    null,
                    null,
                    null,
                    0,
                    Duration.ZERO,
                    1,
                    Duration.ofDays(1),
                    List.of("train.sh"),
                    null,
                    null,
                    Map.of(),
                    true))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("needs a 'gate'");
  }

  private static MonitorEvent at(long t) {
    return new MonitorEvent(t, Map.of(), null, null, null, null);
  }

  @Test
  void countWindowsCloseEveryNEvents() {
    List<MonitorEvent> pending = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      pending.add(at(100 + i));
    }
    Windowing.Cut cut = Windowing.cut(new WindowSpec.ByCount(3), pending);
    assertThat(cut.closed()).hasSize(2);
    assertThat(cut.closed().get(1).start()).isEqualTo(103);
    assertThat(cut.closed().get(1).end()).isEqualTo(105);
    assertThat(cut.pending()).hasSize(1);
  }

  @Test
  void timeWindowsCloseWhenALaterEventArrives() {
    WindowSpec.ByTime hourly = new WindowSpec.ByTime(Duration.ofHours(1));
    Windowing.Cut open = Windowing.cut(hourly, List.of(at(10), at(HOUR - 1)));
    assertThat(open.closed()).isEmpty();
    Windowing.Cut cut =
        Windowing.cut(hourly, List.of(at(10), at(HOUR - 1), at(HOUR + 5), at(30), at(3 * HOUR)));
    assertThat(cut.closed()).hasSize(2);
    Windowing.Window first = cut.closed().get(0);
    assertThat(first.start()).isZero();
    assertThat(first.end()).isEqualTo(HOUR);
    assertThat(first.events()).hasSize(2);
    // The late event (time 30) is reported with the window open when it arrived.
    Windowing.Window second = cut.closed().get(1);
    assertThat(second.start()).isEqualTo(HOUR);
    assertThat(second.events()).extracting(MonitorEvent::timestamp).containsExactly(HOUR + 5, 30L);
    assertThat(cut.pending()).extracting(MonitorEvent::timestamp).containsExactly(3 * HOUR);
  }
}
