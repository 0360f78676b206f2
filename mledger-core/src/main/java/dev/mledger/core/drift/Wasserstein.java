package dev.mledger.core.drift;

/**
 * The 1-Wasserstein (earth mover's) distance between two empirical distributions on the real line,
 * equal to {@code scipy.stats.wasserstein_distance(u, v)}: the integral of |F_u - F_v|.
 */
public final class Wasserstein {
  private Wasserstein() {}

  /** The distance between two sorted, non-empty samples without NaN, in O(n + m). */
  public static double distance(double[] sortedU, double[] sortedV) {
    int n = sortedU.length;
    int m = sortedV.length;
    if (n == 0 || m == 0) {
      throw dev.mledger.core.error.MledgerException.invalidParameter(
          "the Wasserstein distance needs two non-empty samples");
    }
    // Walk the merged order; between consecutive merged values both CDFs are constant.
    CompensatedSum sum = new CompensatedSum();
    int i = 0;
    int j = 0;
    double previous = Math.min(sortedU[0], sortedV[0]);
    while (i < n || j < m) {
      double x = (j >= m || (i < n && sortedU[i] <= sortedV[j])) ? sortedU[i] : sortedV[j];
      if (x != previous) {
        double gap = Math.abs((double) i / n - (double) j / m);
        sum.add(gap * (x - previous));
        previous = x;
      }
      while (i < n && sortedU[i] <= x) {
        i++;
      }
      while (j < m && sortedV[j] <= x) {
        j++;
      }
    }
    return sum.value();
  }

  /**
   * The distance divided by the reference's population standard deviation, floored at 0.001 as
   * Evidently's {@code wasserstein_distance_norm} does so that a constant reference does not divide
   * by zero.
   */
  public static double normalised(double distance, double referenceStd) {
    return distance / Math.max(referenceStd, 0.001);
  }
}
