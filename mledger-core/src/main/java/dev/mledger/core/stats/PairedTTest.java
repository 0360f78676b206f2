package dev.mledger.core.stats;

/**
 * Paired t-test on differences {@code d_i = a_i − b_i}, as {@code scipy.stats.ttest_rel(a, b,
 * alternative=…)} with {@code .confidence_interval(confidence)}: {@code Δ = mean(d)}, {@code SE =
 * sqrt(var(d) / n)}, {@code t = Δ / SE}, {@code df = n − 1}.
 *
 * <p>When all differences are equal, {@code SE = 0}: {@code t} is {@code ±Infinity} (p-value 0 or
 * 1) for a non-zero {@code Δ} and {@code NaN} (p-value NaN) for {@code Δ = 0}; the interval
 * collapses to {@code Δ} on its finite side(s).
 */
public final class PairedTTest {
  private PairedTTest() {}

  /** Two-sided test with a 95% interval. */
  public static TTestResult test(double[] a, double[] b) {
    return test(a, b, Alternative.TWO_SIDED, StudentTInterval.DEFAULT_CONFIDENCE);
  }

  /**
   * Tests {@code mean(a − b)} against zero.
   *
   * @throws dev.mledger.core.error.MledgerException INVALID_PARAMETER_VALUE for fewer than two
   *     pairs, different lengths, a NaN/infinite value, or a confidence outside {@code (0, 1)}
   */
  public static TTestResult test(
      double[] a, double[] b, Alternative alternative, double confidence) {
    StatsArguments.requireNonNull("alternative", alternative);
    StatsArguments.requireConfidence(confidence);
    StatsArguments.requireFinite("a", a, 2);
    StatsArguments.requireFinite("b", b, 2);
    StatsArguments.requireSameLength("a", a, "b", b);
    return testDifferences(differences(a, b), alternative, confidence);
  }

  /** Tests the mean of already computed paired differences against zero. */
  public static TTestResult testDifferences(
      double[] differences, Alternative alternative, double confidence) {
    StatsArguments.requireNonNull("alternative", alternative);
    StatsArguments.requireConfidence(confidence);
    SampleSummary summary = SampleSummary.of(differences);
    return TTestResult.of(
        summary.mean(),
        Math.sqrt(summary.variance() / summary.n()),
        summary.n() - 1,
        alternative,
        confidence);
  }

  static double[] differences(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
