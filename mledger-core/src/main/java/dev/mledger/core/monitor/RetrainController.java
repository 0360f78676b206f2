package dev.mledger.core.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The trigger half of the retraining control loop: given what a window showed and the loop's
 * history, decide whether to launch. Triggers are drift severity, performance decay, schedule and
 * new data volume; the cooldown and the budget veto any trigger. Every decision names its reasons
 * so it can be recorded.
 */
public final class RetrainController {

  /** What the loop observed in a window. */
  public record Observation(
      long nowMillis,
      List<AlertTransition> transitions,
      Performance performance,
      long newRowsSinceLaunch) {}

  /**
   * @param launch whether to launch now
   * @param triggers why a launch is due (empty when none is)
   * @param vetoedBy why a due launch is held back (cooldown or budget), or {@code null}
   */
  public record Decision(boolean launch, List<String> triggers, String vetoedBy) {}

  private final RetrainPolicy policy;

  public RetrainController(RetrainPolicy policy) {
    this.policy = policy;
  }

  /**
   * Decides.
   *
   * @param launchTimes epoch millis of earlier launches, any order
   */
  public Decision decide(Observation observation, List<Long> launchTimes) {
    long now = observation.nowMillis();
    List<String> triggers = new ArrayList<>();
    if (policy.minSeverity() != null) {
      for (AlertTransition t : observation.transitions()) {
        boolean raised =
            t.kind() == AlertTransition.Kind.OPENED || t.kind() == AlertTransition.Kind.ESCALATED;
        if (raised && t.severity().compareTo(policy.minSeverity()) >= 0) {
          triggers.add("drift: " + t.severity().jsonName() + " alert on " + t.key());
          break;
        }
      }
    }
    Performance perf = observation.performance();
    if (policy.maxAccuracyDrop() != null && perf != null && perf.accuracy() != null) {
      double drop = policy.baselineAccuracy() - perf.accuracy();
      if (drop >= policy.maxAccuracyDrop()) {
        triggers.add(
            "performance: accuracy "
                + perf.accuracy()
                + " is "
                + drop
                + " below the baseline "
                + policy.baselineAccuracy());
      }
    }
    long last = launchTimes.stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
    if (policy.schedule() != null
        && (launchTimes.isEmpty() || now - last >= policy.schedule().toMillis())) {
      triggers.add("schedule: every " + policy.schedule());
    }
    if (policy.minNewRows() > 0 && observation.newRowsSinceLaunch() >= policy.minNewRows()) {
      triggers.add(
          "new data: " + observation.newRowsSinceLaunch() + " events since the last launch");
    }
    if (triggers.isEmpty()) {
      return new Decision(false, List.of(), null);
    }
    if (!launchTimes.isEmpty() && now - last < policy.cooldown().toMillis()) {
      return new Decision(false, triggers, "cooldown: last launch " + (now - last) + " ms ago");
    }
    long windowStart = now - policy.budgetPeriod().toMillis();
    long recent = launchTimes.stream().filter(t -> t > windowStart).count();
    if (recent >= policy.budget()) {
      return new Decision(
          false, triggers, "budget: " + recent + " launches in the last " + policy.budgetPeriod());
    }
    return new Decision(true, triggers, null);
  }
}
