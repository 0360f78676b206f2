package dev.mledger.core.stats;

/**
 * Welch's unequal-variances t-test, as {@code scipy.stats.ttest_ind(a, b, equal_var=False,
 * alternative=…)} with {@code .confidence_interval(confidence)}: {@code Δ = mean(a) − mean(b)},
 * {@code SE = sqrt(s_a²/n_a + s_b²/n_b)}, and Welch–Satterthwaite degrees of freedom {@code df =
 * (v_a + v_b)² / (v_a²/(n_a − 1) + v_b²/(n_b − 1))} with {@code v = s²/n}.
 *
 * <p>When both samples are constant, {@code SE = 0} and {@code df} is undefined; like scipy, {@code
 * df} is then reported as 1 (it cannot influence the result), {@code t} is {@code ±Infinity} or
 * {@code NaN}, and the interval collapses to {@code Δ}.
 */
public final class WelchTTest {
  private WelchTTest() {}

  /** Two-sided test with a 95% interval. */
  public static TTestResult test(double[] a, double[] b) {
    return test(a, b, Alternative.TWO_SIDED, StudentTInterval.DEFAULT_CONFIDENCE);
  }

  /**
   * Tests {@code mean(a) − mean(b)} against zero without assuming equal variances.
   *
   * @throws dev.mledger.core.error.MledgerException INVALID_PARAMETER_VALUE for a sample with fewer
   *     than two values, a NaN/infinite value, or a confidence outside {@code (0, 1)}
   */
  public static TTestResult test(
      double[] a, double[] b, Alternative alternative, double confidence) {
    StatsArguments.requireNonNull("alternative", alternative);
    StatsArguments.requireConfidence(confidence);
    SampleSummary first = summarize("a", a);
    SampleSummary second = summarize("b", b);
    double va = first.variance() / first.n();
    double vb = second.variance() / second.n();
    double df = (va + vb) * (va + vb) / (va * va / (first.n() - 1) + vb * vb / (second.n() - 1));
    if (Double.isNaN(df)) {
      df = 1.0;
    }
    return TTestResult.of(
        first.mean() - second.mean(), Math.sqrt(va + vb), df, alternative, confidence);
  }

  private static SampleSummary summarize(String name, double[] values) {
    StatsArguments.requireFinite(name, values, 2);
    return SampleSummary.of(values);
  }
}
