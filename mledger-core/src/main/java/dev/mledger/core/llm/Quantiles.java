package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics: for {@code n} sorted values
 * {@code x[0..n-1]} and {@code q ∈ [0, 1]}, {@code h = (n − 1)·q} and the quantile is {@code x[⌊h⌋]
 * + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])}. This is Hyndman–Fan type 7, numpy's default {@code
 * method="linear"} and what {@code numpy.percentile(values, 95)} returns.
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE for no values, a non-finite value or {@code q}
   *     outside {@code [0, 1]}
   */
  public static double linear(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return linearSorted(sorted, q);
  }

  /** As {@link #linear} for values already sorted ascending (not checked). */
  public static double linearSorted(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw MledgerException.invalidParameter("A quantile needs at least one value.");
    }
    if (!(q >= 0 && q <= 1)) {
      throw MledgerException.invalidParameter("Quantile level must lie in [0, 1], got " + q + ".");
    }
    for (double v : new double[] {sorted[0], sorted[sorted.length - 1]}) {
      if (!Double.isFinite(v)) {
        throw MledgerException.invalidParameter("Quantiles need finite values, got " + v + ".");
      }
    }
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    double fraction = h - lo;
    // numpy's _lerp form, which is exact at both ends.
    double diff = sorted[lo + 1] - sorted[lo];
    return fraction >= 0.5 ? sorted[lo + 1] - diff * (1 - fraction) : sorted[lo] + diff * fraction;
  }
}
