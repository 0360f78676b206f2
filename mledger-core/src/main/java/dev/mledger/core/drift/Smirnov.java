package dev.mledger.core.drift;

/**
 * Survival function of the one-sided Kolmogorov-Smirnov statistic D_n^+ ({@code
 * scipy.special.smirnov}), by the Birnbaum-Tingey sum as scipy's xsf/cephes does. Terms are
 * evaluated in log space rather than scipy's double-double arithmetic; every term is positive, so
 * the sum keeps about 1e-10 relative accuracy up to n = 10^6.
 */
final class Smirnov {
  private static final int MAX_COMPUTE_N = 1_000_000;
  private static final double EPSILON = Math.ulp(1.0);

  private Smirnov() {}

  /** {@code Pr(D_n^+ >= x)}. */
  static double sf(int n, double x) {
    if (!(n > 0 && x >= 0.0 && x <= 1.0)) {
      return Double.NaN;
    }
    if (n == 1) {
      return 1 - x;
    }
    if (x == 0.0) {
      return 1.0;
    }
    if (x == 1.0) {
      return 0.0;
    }
    double nx = n * x;
    int nxFloor = (int) Math.floor(nx);
    double alpha = nx - nxFloor;
    if (nxFloor == 0 || (nxFloor == 1 && alpha == 0)) {
      double t = Math.pow(1 + x, n - 1);
      return clip(1 - x * t);
    }
    if (-2 * n * x * x < -7.451332191019412076235E2) {
      return 0.0;
    }
    if (nxFloor >= n - 1) {
      return clip(Math.pow(1 - x, n));
    }
    if (n > MAX_COMPUTE_N) {
      double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
      return clip(logp < -Math.log(2) ? Math.exp(logp) : 1 + Math.expm1(logp));
    }
    // Lower sum: sf = x * sum_{v=0}^{floor(n(1-x))} C(n,v) (1-x-v/n)^(n-v) (x+v/n)^(v-1).
    // When n*x is an integer the last term is zero and scipy leaves it out; either way the sum
    // stops before v = n - floor(n*x).
    int nTerms = n - nxFloor;
    double sum = Math.pow(1 - x, n) / x;
    double logBinomial = 0;
    for (int v = 1; v < nTerms; v++) {
      logBinomial += Math.log((double) (n - v + 1) / v);
      double base2 = ((n - v) - nx) / n;
      double base1 = (v + nx) / n;
      double term = Math.exp(logBinomial + (n - v) * Math.log(base2) + (v - 1) * Math.log(base1));
      sum += term;
      if (term != 0.0) {
        if (4.0 * (nTerms - v) * term < EPSILON * sum && v != nTerms - 1) {
          break;
        }
      } else if (v > n / 2) {
        break;
      }
    }
    return clip(x * sum);
  }

  private static double clip(double p) {
    return Math.max(0.0, Math.min(1.0, p));
  }
}
