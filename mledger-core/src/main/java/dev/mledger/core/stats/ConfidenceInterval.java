package dev.mledger.core.stats;

/**
 * A confidence interval {@code [low, high]} at the given confidence level. One-sided intervals have
 * an infinite bound. Bounds are {@code NaN} only where the result type says so (for example a BCa
 * interval of a degenerate bootstrap distribution).
 */
public record ConfidenceInterval(double low, double high, double confidence) {

  /** Whether {@code value} lies inside the closed interval; false when a bound is NaN. */
  public boolean contains(double value) {
    return low <= value && value <= high;
  }

  /** {@code high − low}; infinite for a one-sided interval. */
  public double width() {
    return high - low;
  }
}
