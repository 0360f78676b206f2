package dev.mledger.core.stats;

/**
 * Descriptive statistics of one sample. All variances are sample variances with divisor {@code n −
 * 1} (numpy's {@code ddof=1}); the standard error of the mean is {@code sqrt(s² / n)} (scipy's
 * {@code sem}). Every method rejects NaN and infinite values.
 */
public final class Descriptive {
  private Descriptive() {}

  /** Arithmetic mean {@code Σx / n}; needs at least one value. */
  public static double mean(double... values) {
    StatsArguments.requireFinite("values", values, 1);
    return meanOfChecked(values);
  }

  /** Sample variance {@code Σ(x − x̄)² / (n − 1)}; needs at least two values. */
  public static double variance(double... values) {
    StatsArguments.requireFinite("values", values, 2);
    return varianceOfChecked(values, meanOfChecked(values));
  }

  /** Sample standard deviation {@code sqrt(variance)}; needs at least two values. */
  public static double standardDeviation(double... values) {
    return Math.sqrt(variance(values));
  }

  /** Standard error of the mean {@code sqrt(s² / n)}; needs at least two values. */
  public static double standardError(double... values) {
    StatsArguments.requireFinite("values", values, 2);
    return Math.sqrt(varianceOfChecked(values, meanOfChecked(values)) / values.length);
  }

  /** All of the above in one pass over validated input; needs at least two values. */
  public static SampleSummary summarize(double... values) {
    return SampleSummary.of(values);
  }

  // Plain left-to-right summation: the bootstrap oracle replays exactly this order of operations.
  static double meanOfChecked(double[] values) {
    double sum = 0.0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  // Two-pass formula (as numpy): subtracting the mean first avoids catastrophic cancellation.
  static double varianceOfChecked(double[] values, double mean) {
    double sumOfSquares = 0.0;
    for (double value : values) {
      double deviation = value - mean;
      sumOfSquares += deviation * deviation;
    }
    return sumOfSquares / (values.length - 1);
  }
}
