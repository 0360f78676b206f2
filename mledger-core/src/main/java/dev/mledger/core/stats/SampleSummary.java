package dev.mledger.core.stats;

/**
 * Size, mean, sample variance ({@code n − 1}), standard deviation and standard error of the mean
 * ({@code s / sqrt(n)}) of one sample. A constant sample has zero variance and zero standard error.
 */
public record SampleSummary(
    int n, double mean, double variance, double standardDeviation, double standardError) {

  /**
   * Summarizes {@code values}.
   *
   * @throws dev.mledger.core.error.MledgerException INVALID_PARAMETER_VALUE for fewer than two
   *     values or a NaN/infinite value
   */
  public static SampleSummary of(double... values) {
    StatsArguments.requireFinite("values", values, 2);
    double mean = Descriptive.meanOfChecked(values);
    double variance = Descriptive.varianceOfChecked(values, mean);
    return new SampleSummary(
        values.length, mean, variance, Math.sqrt(variance), Math.sqrt(variance / values.length));
  }
}
