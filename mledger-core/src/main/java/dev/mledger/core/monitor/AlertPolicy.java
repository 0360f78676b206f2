package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.AdjustmentMethod;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a monitor alerts, and how it avoids alert fatigue.
 *
 * @param rules thresholds per statistic and severity; several rules on one statistic form a
 *     severity ladder
 * @param correction the multiple-testing correction applied to p-values across the features of a
 *     window, empty for none
 * @param cooldown after an alert resolves, the same feature/statistic does not alert again for this
 *     long (re-breaches are recorded as suppressed)
 * @param hysteresis relative margin a firing signal must recover past its lowest threshold before
 *     the alert resolves (0.1: a "higher is worse" value must fall below 0.9·τ; a p-value rise
 *     above 1.1·τ)
 */
public record AlertPolicy(
    List<AlertRule> rules,
    Optional<AdjustmentMethod> correction,
    Duration cooldown,
    double hysteresis) {

  public AlertPolicy {
    rules = List.copyOf(rules);
    Objects.requireNonNull(correction, "correction");
    if (cooldown == null || cooldown.isNegative()) {
      throw MledgerException.invalidParameter("The cooldown must not be negative.");
    }
    if (!(hysteresis >= 0 && hysteresis < 1)) {
      throw MledgerException.invalidParameter("Hysteresis must be in [0, 1).");
    }
  }

  /** A p-value rule at 0.05 (warning) and 0.001 (critical) with Benjamini–Hochberg. */
  public static AlertPolicy defaults() {
    return new AlertPolicy(
        List.of(
            new AlertRule(Statistic.P_VALUE, 0.05, Severity.WARNING),
            new AlertRule(Statistic.P_VALUE, 0.001, Severity.CRITICAL),
            new AlertRule(Statistic.PSI, 0.2, Severity.WARNING),
            new AlertRule(Statistic.NULL_RATE, 0.1, Severity.WARNING)),
        Optional.of(AdjustmentMethod.BENJAMINI_HOCHBERG),
        Duration.ofHours(1),
        0.1);
  }

  /** The rules on {@code statistic}. */
  public List<AlertRule> rulesFor(Statistic statistic) {
    return rules.stream().filter(r -> r.statistic() == statistic).toList();
  }
}
