package dev.mledger.core.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One metric of a replay compared with the original run.
 *
 * @param key metric key
 * @param expected the original run's final value, or null when only the replay logged it
 * @param actual the replay's final value, or null when the replay did not log it
 * @param tolerance the tolerance applied (null for {@link Outcome#EXTRA})
 * @param outcome the verdict
 */
public record MetricCheck(
    String key, Double expected, Double actual, Tolerance tolerance, Outcome outcome) {

  /** Verdict on one metric. */
  public enum Outcome {
    /** Within tolerance. */
    MATCH,
    /** Outside tolerance. */
    MISMATCH,
    /** Logged by the original run, not by the replay. */
    MISSING,
    /** Logged only by the replay; noted, not a failure. */
    EXTRA;

    /** Whether this outcome means the replay did not reproduce the original. */
    public boolean isFailure() {
      return this == MISMATCH || this == MISSING;
    }
  }

  /** {@code actual - expected}, or null when either side is absent. */
  public Double difference() {
    return expected == null || actual == null ? null : actual - expected;
  }

  /**
   * Compares final metric values key by key, in key order.
   *
   * @param declared tolerances by metric key; metrics without one get {@link Tolerance#defaultFor}
   *     unless {@code fallback} is non-null
   * @param fallback tolerance for metrics without a declared one, or null for the per-value default
   */
  public static List<MetricCheck> compare(
      Map<String, Double> original,
      Map<String, Double> replay,
      Map<String, Tolerance> declared,
      Tolerance fallback) {
    TreeSet<String> keys = new TreeSet<>(original.keySet());
    keys.addAll(replay.keySet());
    List<MetricCheck> checks = new ArrayList<>();
    for (String key : keys) {
      Double expected = original.get(key);
      Double actual = replay.get(key);
      if (expected == null) {
        checks.add(new MetricCheck(key, null, actual, null, Outcome.EXTRA));
        continue;
      }
      Tolerance tolerance = declared.get(key);
      if (tolerance == null) {
        tolerance = fallback != null ? fallback : Tolerance.defaultFor(expected);
      }
      Outcome outcome;
      if (actual == null) {
        outcome = Outcome.MISSING;
      } else {
        outcome = tolerance.accepts(expected, actual) ? Outcome.MATCH : Outcome.MISMATCH;
      }
      checks.add(new MetricCheck(key, expected, actual, tolerance, outcome));
    }
    return List.copyOf(checks);
  }
}
