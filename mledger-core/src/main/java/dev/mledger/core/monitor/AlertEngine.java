package dev.mledger.core.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert state machine. Per feature/statistic: a breach opens an alert (unless the key resolved
 * less than the cooldown ago: suppressed); while open, further breaches of the same or lower
 * severity are folded into it (deduplicated) and a higher severity escalates it; it resolves only
 * once the value has recovered past the lowest threshold by the hysteresis margin, so a value
 * hovering at τ does not flap. Pure: the caller persists the states.
 */
public final class AlertEngine {
  private final AlertPolicy policy;

  public AlertEngine(AlertPolicy policy) {
    this.policy = policy;
  }

  /** The outcome of one window: new states for every key touched and the transitions. */
  public record Evaluation(Map<AlertKey, AlertState> states, List<AlertTransition> transitions) {}

  /**
   * Evaluates a window's signals against the prior states.
   *
   * @param prior states from earlier windows (keys without an entry are OK)
   * @param nowMillis the window's time
   */
  public Evaluation evaluate(
      Map<AlertKey, AlertState> prior, List<Signal> signals, long nowMillis) {
    Map<AlertKey, AlertState> states = new LinkedHashMap<>();
    List<AlertTransition> transitions = new ArrayList<>();
    for (Signal signal : signals) {
      List<AlertRule> rules = policy.rulesFor(signal.key().statistic());
      if (rules.isEmpty()) {
        continue;
      }
      AlertState before = prior.get(signal.key());
      AlertRule breached = worstBreached(rules, signal.value());
      AlertState after;
      AlertTransition transition;
      if (before != null && before.firing()) {
        if (breached == null) {
          AlertRule lowest = lowestRule(rules);
          if (recovered(signal.key().statistic(), signal.value(), lowest.threshold())) {
            after =
                new AlertState(
                    signal.key(),
                    false,
                    before.severity(),
                    signal.value(),
                    before.openedAt(),
                    nowMillis,
                    before.occurrences());
            transition =
                transition(signal, AlertTransition.Kind.RESOLVED, before.severity(), lowest);
          } else {
            // Between τ and the hysteresis band: still open, nothing to say.
            after = withValue(before, signal.value(), before.occurrences());
            transition = null;
          }
        } else if (breached.severity().compareTo(before.severity()) > 0) {
          after =
              new AlertState(
                  signal.key(),
                  true,
                  breached.severity(),
                  signal.value(),
                  before.openedAt(),
                  before.resolvedAt(),
                  before.occurrences() + 1);
          transition =
              transition(signal, AlertTransition.Kind.ESCALATED, breached.severity(), breached);
        } else {
          after = withValue(before, signal.value(), before.occurrences() + 1);
          transition =
              transition(signal, AlertTransition.Kind.REPEATED, before.severity(), breached);
        }
      } else if (breached != null) {
        boolean cooling =
            before != null
                && before.resolvedAt() > 0
                && nowMillis - before.resolvedAt() < policy.cooldown().toMillis();
        if (cooling) {
          after = withValue(before, signal.value(), before.occurrences());
          transition =
              transition(signal, AlertTransition.Kind.SUPPRESSED, breached.severity(), breached);
        } else {
          after =
              new AlertState(
                  signal.key(),
                  true,
                  breached.severity(),
                  signal.value(),
                  nowMillis,
                  before == null ? 0 : before.resolvedAt(),
                  1);
          transition =
              transition(signal, AlertTransition.Kind.OPENED, breached.severity(), breached);
        }
      } else {
        after =
            before == null
                ? new AlertState(signal.key(), false, Severity.INFO, signal.value(), 0, 0, 0)
                : withValue(before, signal.value(), before.occurrences());
        transition = null;
      }
      states.put(signal.key(), after);
      if (transition != null) {
        transitions.add(transition);
      }
    }
    return new Evaluation(states, transitions);
  }

  private static AlertState withValue(AlertState s, double value, int occurrences) {
    return new AlertState(
        s.key(), s.firing(), s.severity(), value, s.openedAt(), s.resolvedAt(), occurrences);
  }

  private static AlertTransition transition(
      Signal signal, AlertTransition.Kind kind, Severity severity, AlertRule rule) {
    return new AlertTransition(signal.key(), kind, severity, signal.value(), rule.threshold());
  }

  private static AlertRule worstBreached(List<AlertRule> rules, double value) {
    AlertRule worst = null;
    for (AlertRule r : rules) {
      if (r.statistic().breaches(value, r.threshold())
          && (worst == null || r.severity().compareTo(worst.severity()) > 0)) {
        worst = r;
      }
    }
    return worst;
  }

  /** The rule that breaches first: the loosest threshold. */
  private static AlertRule lowestRule(List<AlertRule> rules) {
    AlertRule loosest = rules.get(0);
    for (AlertRule r : rules) {
      boolean looser =
          r.statistic().higherIsWorse()
              ? r.threshold() < loosest.threshold()
              : r.threshold() > loosest.threshold();
      if (looser) {
        loosest = r;
      }
    }
    return loosest;
  }

  private boolean recovered(Statistic statistic, double value, double threshold) {
    double h = policy.hysteresis();
    return statistic.higherIsWorse() ? value < threshold * (1 - h) : value > threshold * (1 + h);
  }
}
