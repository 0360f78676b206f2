package dev.mledger.core.drift;

/**
 * Moments of one numeric sample.
 *
 * @param count number of values
 * @param mean arithmetic mean
 * @param std population standard deviation (ddof 0, as {@code numpy.std})
 * @param min smallest value
 * @param max largest value
 */
public record NumericSummary(long count, double mean, double std, double min, double max) {

  /** Summarises a sorted, non-empty sample (two passes, for accuracy). */
  static NumericSummary ofSorted(double[] sorted) {
    int n = sorted.length;
    CompensatedSum sum = new CompensatedSum();
    for (double v : sorted) {
      sum.add(v);
    }
    double mean = sum.value() / n;
    CompensatedSum squares = new CompensatedSum();
    for (double v : sorted) {
      double d = v - mean;
      squares.add(d * d);
    }
    return new NumericSummary(n, mean, Math.sqrt(squares.value() / n), sorted[0], sorted[n - 1]);
  }
}
