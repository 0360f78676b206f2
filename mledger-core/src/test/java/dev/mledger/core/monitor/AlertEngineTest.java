package dev.mledger.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.monitor.AlertTransition.Kind;
import dev.mledger.core.stats.AdjustmentMethod;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
  private static final AlertKey PSI_AGE = new AlertKey("age", Statistic.PSI);

  private final AlertPolicy policy =
      new AlertPolicy(
          List.of(
              new AlertRule(Statistic.PSI, 0.2, Severity.WARNING),
              new AlertRule(Statistic.PSI, 0.5, Severity.CRITICAL)),
          Optional.empty(),
          Duration.ofMinutes(10),
          0.25);
  private final AlertEngine engine = new AlertEngine(policy);
  private final Map<AlertKey, AlertState> states = new HashMap<>();

  private List<AlertTransition> window(double psi, long minute) {
    AlertEngine.Evaluation e =
        engine.evaluate(states, List.of(new Signal(PSI_AGE, psi)), minute * 60_000);
    states.putAll(e.states());
    return e.transitions();
  }

  private static Kind only(List<AlertTransition> transitions) {
    assertThat(transitions).hasSize(1);
    return transitions.get(0).kind();
  }

  @Test
  void quietValuesRaiseNothing() {
    assertThat(window(0.1, 0)).isEmpty();
    assertThat(states.get(PSI_AGE).firing()).isFalse();
  }

  @Test
  void repeatedBreachesAreDeduplicatedIntoOneAlert() {
    assertThat(only(window(0.3, 0))).isEqualTo(Kind.OPENED);
    assertThat(only(window(0.35, 1))).isEqualTo(Kind.REPEATED);
    assertThat(only(window(0.25, 2))).isEqualTo(Kind.REPEATED);
    assertThat(states.get(PSI_AGE).occurrences()).isEqualTo(3);
    assertThat(window(0.3, 3).get(0).notifies()).isFalse();
  }

  @Test
  void higherSeverityEscalatesTheOpenAlert() {
    window(0.3, 0);
    List<AlertTransition> t = window(0.6, 1);
    assertThat(only(t)).isEqualTo(Kind.ESCALATED);
    assertThat(t.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(t.get(0).threshold()).isEqualTo(0.5);
    // Back to warning level: no de-escalation notice, still one open critical alert.
    assertThat(only(window(0.3, 2))).isEqualTo(Kind.REPEATED);
    assertThat(states.get(PSI_AGE).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void hysteresisKeepsTheAlertOpenUntilTheValueClearsTheBand() {
    window(0.3, 0);
    // Below τ = 0.2 but not below 0.2 × (1 − 0.25) = 0.15: no flapping.
    assertThat(window(0.19, 1)).isEmpty();
    assertThat(window(0.16, 2)).isEmpty();
    assertThat(states.get(PSI_AGE).firing()).isTrue();
    assertThat(only(window(0.14, 3))).isEqualTo(Kind.RESOLVED);
    assertThat(states.get(PSI_AGE).firing()).isFalse();
  }

  @Test
  void cooldownSuppressesANewAlertSoonAfterResolution() {
    window(0.3, 0);
    window(0.1, 1); // resolved at minute 1
    assertThat(only(window(0.3, 5))).isEqualTo(Kind.SUPPRESSED);
    assertThat(states.get(PSI_AGE).firing()).isFalse();
    assertThat(only(window(0.3, 11))).isEqualTo(Kind.OPENED);
  }

  @Test
  void lowerIsWorseStatisticsResolveAboveTheBand() {
    AlertEngine pValues =
        new AlertEngine(
            new AlertPolicy(
                List.of(new AlertRule(Statistic.P_VALUE, 0.05, Severity.WARNING)),
                Optional.of(AdjustmentMethod.BONFERRONI),
                Duration.ZERO,
                0.2));
    AlertKey key = new AlertKey("x", Statistic.P_VALUE);
    Map<AlertKey, AlertState> s = new HashMap<>();
    s.putAll(pValues.evaluate(s, List.of(new Signal(key, 0.01)), 0).states());
    assertThat(s.get(key).firing()).isTrue();
    AlertEngine.Evaluation stillOpen = pValues.evaluate(s, List.of(new Signal(key, 0.055)), 1);
    assertThat(stillOpen.transitions()).isEmpty();
    AlertEngine.Evaluation resolved = pValues.evaluate(s, List.of(new Signal(key, 0.07)), 2);
    assertThat(resolved.transitions())
        .extracting(AlertTransition::kind)
        .containsExactly(Kind.RESOLVED);
  }

  @Test
  void bonferroniIsStricterThanBenjaminiHochberg() {
    List<String> features = List.of("a", "b", "c", "d", "e");
    double[] raw = {0.01, 0.02, 0.03, 0.04, 0.2};
    List<Signal> bonferroni =
        Signal.corrected(features, raw, Optional.of(AdjustmentMethod.BONFERRONI));
    List<Signal> bh =
        Signal.corrected(features, raw, Optional.of(AdjustmentMethod.BENJAMINI_HOCHBERG));
    List<Signal> none = Signal.corrected(features, raw, Optional.empty());
    assertThat(breaching(bonferroni)).containsExactly("a");
    assertThat(breaching(bh)).containsExactly("a", "b", "c", "d");
    assertThat(breaching(none)).containsExactly("a", "b", "c", "d");
    assertThat(bonferroni.get(1).value())
        .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(bh.get(4).value()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
  }

  private static List<String> breaching(List<Signal> signals) {
    return signals.stream()
        .filter(s -> Statistic.P_VALUE.breaches(s.value(), 0.05 + 1e-12))
        .map(s -> s.key().feature())
        .toList();
  }
}
