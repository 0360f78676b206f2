package dev.mledger.core.stats;

/**
 * Exact null distribution of the positive rank sum {@code R⁺} for untied ranks {@code 1..n}, built
 * by the same halving recurrence as scipy's {@code _get_wilcoxon_distr}. Tail sums follow scipy's
 * {@code WilcoxonDistribution} (direct sums for arguments up to the mean {@code n(n+1)/4}, the
 * complement above it), so results agree to the last few ulps.
 */
final class WilcoxonDistribution {
  private final double[] probabilities;
  private final double mean;

  WilcoxonDistribution(int n) {
    double[] current = {1.0};
    for (int k = 1; k <= n; k++) {
      double[] next = new double[k * (k + 1) / 2 + 1];
      int m = current.length;
      for (int i = 0; i < m; i++) {
        next[i] = current[i] * 0.5;
      }
      int offset = next.length - m;
      for (int i = 0; i < m; i++) {
        next[offset + i] += current[i] * 0.5;
      }
      current = next;
    }
    this.probabilities = current;
    this.mean = n * (n + 1) / 4.0;
  }

  /** {@code P(R⁺ ≤ k)}. */
  double cdf(int k) {
    return k <= mean ? lowerSum(k) : 1.0 - upperSum(k + 1);
  }

  /** {@code P(R⁺ ≥ k)}. */
  double sf(int k) {
    return k <= mean ? upperSum(k) : 1.0 - lowerSum(k - 1);
  }

  private double lowerSum(int k) {
    double sum = 0.0;
    for (int i = 0; i <= Math.min(k, probabilities.length - 1); i++) {
      sum += probabilities[i];
    }
    return sum;
  }

  private double upperSum(int k) {
    double sum = 0.0;
    for (int i = Math.max(k, 0); i < probabilities.length; i++) {
      sum += probabilities[i];
    }
    return sum;
  }
}
