package dev.mledger.core.stats;

import java.util.List;

/**
 * Outcome of a multiple-comparison correction; {@code results} are in the order the p-values were
 * given.
 */
public record MultipleTestResult(
    AdjustmentMethod method, double alpha, List<AdjustedPValue> results) {

  public MultipleTestResult {
    results = List.copyOf(results);
  }

  /** Adjusted p-values in input order. */
  public double[] adjustedPValues() {
    return results.stream().mapToDouble(AdjustedPValue::adjusted).toArray();
  }

  /** Reject flags in input order. */
  public boolean[] rejected() {
    boolean[] flags = new boolean[results.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = results.get(i).rejected();
    }
    return flags;
  }

  /** How many hypotheses are rejected. */
  public int rejectedCount() {
    return (int) results.stream().filter(AdjustedPValue::rejected).count();
  }
}
