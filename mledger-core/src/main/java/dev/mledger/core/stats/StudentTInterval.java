package dev.mledger.core.stats;

/**
 * Student-t confidence interval for a population mean: {@code x̄ ± t(1 − (1 − c)/2, n − 1) · SE}
 * with {@code SE = s / sqrt(n)}, as {@code scipy.stats.ttest_1samp(x).confidence_interval(c)}.
 *
 * <p>A constant sample has {@code SE = 0} and the interval collapses to {@code [x̄, x̄]}.
 */
public final class StudentTInterval {
  /** The confidence level used when none is given. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  private StudentTInterval() {}

  /** Two-sided interval at {@link #DEFAULT_CONFIDENCE}. */
  public static ConfidenceInterval forMean(double... values) {
    return forMean(values, DEFAULT_CONFIDENCE);
  }

  /**
   * Two-sided interval at {@code confidence}.
   *
   * @throws dev.mledger.core.error.MledgerException INVALID_PARAMETER_VALUE for fewer than two
   *     values, a NaN/infinite value, or a confidence outside {@code (0, 1)}
   */
  public static ConfidenceInterval forMean(double[] values, double confidence) {
    StatsArguments.requireConfidence(confidence);
    return forSummary(SampleSummary.of(values), confidence);
  }

  static ConfidenceInterval forSummary(SampleSummary summary, double confidence) {
    return StudentT.interval(
        summary.mean(),
        summary.standardError(),
        summary.n() - 1,
        confidence,
        Alternative.TWO_SIDED);
  }
}
