package dev.mledger.core.stats;

/**
 * Outcome of a t-test on a difference of means {@code Δ}.
 *
 * @param meanDelta the estimate of {@code Δ} ({@code mean(a − b)} paired, {@code mean(a) − mean(b)}
 *     Welch)
 * @param standardError the standard error of {@code meanDelta}
 * @param statistic {@code t = meanDelta / standardError}: {@code ±Infinity} when the standard error
 *     is zero and {@code meanDelta ≠ 0}, {@code NaN} when both are zero (as scipy)
 * @param degreesOfFreedom {@code n − 1} paired, Welch–Satterthwaite (fractional) for Welch
 * @param pValue the p-value for {@code alternative}; {@code NaN} exactly when {@code statistic} is
 * @param alternative the alternative hypothesis tested
 * @param interval the confidence interval of {@code Δ} for {@code alternative} (one-sided
 *     alternatives give one infinite bound)
 */
public record TTestResult(
    double meanDelta,
    double standardError,
    double statistic,
    double degreesOfFreedom,
    double pValue,
    Alternative alternative,
    ConfidenceInterval interval) {

  static TTestResult of(
      double meanDelta,
      double standardError,
      double degreesOfFreedom,
      Alternative alternative,
      double confidence) {
    double t = meanDelta / standardError;
    return new TTestResult(
        meanDelta,
        standardError,
        t,
        degreesOfFreedom,
        StudentT.pValue(t, degreesOfFreedom, alternative),
        alternative,
        StudentT.interval(meanDelta, standardError, degreesOfFreedom, confidence, alternative));
  }
}
