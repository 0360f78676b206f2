package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;

/**
 * The two-sided two-sample Kolmogorov-Smirnov test, equal to {@code scipy.stats.ks_2samp(a, b,
 * method=...)}: same statistic, same exact lattice-path p-values (Hodges; Viehmann's stable
 * recursion) and the same asymptotic p-value {@code kstwo.sf(d, round(mn/(m+n)))}.
 *
 * <p>Inputs are sorted arrays without NaN: drift reports sort every column once and share it
 * between KS, Wasserstein and the binned divergences.
 */
public final class KolmogorovSmirnovTest {
  /** scipy's {@code MAX_AUTO_N}: {@code auto} is exact up to this many values per sample. */
  public static final int MAX_AUTO_N = 10_000;

  private KolmogorovSmirnovTest() {}

  /** Tests two sorted samples; see the class comment for the p-value methods. */
  public static KsResult test(double[] sortedA, double[] sortedB, KsMethod method) {
    int n1 = sortedA.length;
    int n2 = sortedB.length;
    if (n1 == 0 || n2 == 0) {
      throw MledgerException.invalidParameter("Kolmogorov-Smirnov needs two non-empty samples");
    }
    return fromStatistic(statistic(sortedA, sortedB), n1, n2, method);
  }

  /**
   * The p-value of a statistic {@code d} observed between samples of sizes {@code n1} and {@code
   * n2}; used directly by sketch-based reports, where only an estimate of {@code d} is known.
   */
  public static KsResult fromStatistic(double d, long n1, long n2, KsMethod method) {
    KsMethod mode = method;
    if (mode == KsMethod.AUTO) {
      mode = Math.max(n1, n2) <= MAX_AUTO_N ? KsMethod.EXACT : KsMethod.ASYMPTOTIC;
    } else if (mode == KsMethod.EXACT) {
      long g = gcd(n1, n2);
      if (n1 / g >= Integer.MAX_VALUE / (double) (n2 / g)) {
        mode = KsMethod.ASYMPTOTIC;
      }
    }
    if (mode == KsMethod.EXACT) {
      long g = gcd(n1, n2);
      long lcm = (n1 / g) * n2;
      long h = Math.round(d * lcm);
      double rounded = h * 1.0 / lcm;
      if (h == 0) {
        return new KsResult(rounded, 1.0, KsMethod.EXACT);
      }
      double p =
          n1 == n2 ? probOutsideSquare(n1, h) : outerProbInside((int) n1, (int) n2, (int) g, h);
      if (p >= 0 && p <= 1) {
        return new KsResult(rounded, p, KsMethod.EXACT);
      }
      // scipy warns and switches to the asymptotic p-value, keeping the rounded statistic.
      return new KsResult(rounded, asymptoticPValue(rounded, n1, n2), KsMethod.ASYMPTOTIC);
    }
    return new KsResult(d, asymptoticPValue(d, n1, n2), KsMethod.ASYMPTOTIC);
  }

  /** The largest absolute ECDF difference, computed exactly as scipy does (i/n1 - j/n2). */
  static double statistic(double[] a, double[] b) {
    int n1 = a.length;
    int n2 = b.length;
    double max = 0;
    double min = 0;
    int i = 0;
    int j = 0;
    while (i < n1 || j < n2) {
      double x;
      if (j >= n2 || (i < n1 && a[i] <= b[j])) {
        x = a[i];
      } else {
        x = b[j];
      }
      while (i < n1 && a[i] <= x) {
        i++;
      }
      while (j < n2 && b[j] <= x) {
        j++;
      }
      double diff = (double) i / n1 - (double) j / n2;
      if (diff > max) {
        max = diff;
      } else if (diff < min) {
        min = diff;
      }
    }
    return Math.max(max, Math.min(1.0, -min));
  }

  static double asymptoticPValue(double d, long n1, long n2) {
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = m * n / (m + n);
    return Math.max(0, Math.min(1, KolmogorovDistribution.sf(Math.round(en), d)));
  }

  /** Pr(D_{n,n} >= h/n) by the alternating sum in Horner form, as scipy. */
  private static double probOutsideSquare(long n, long h) {
    double p = 0.0;
    long k = (long) Math.floor((double) n / h);
    while (k >= 0) {
      double p1 = 1.0;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * The proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| < h/lcm,
   * computed directly as 1 - inside (Viehmann 2021), a port of scipy's {@code
   * _compute_outer_prob_inside_method}.
   */
  private static double outerProbInside(int m0, int n0, int g, long h) {
    int m = Math.max(m0, n0);
    int n = Math.min(m0, n0);
    long mg = m / g;
    long ng = n / g;
    int minj = 0;
    int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1L);
    int curlen = maxj - minj;
    int lenA = Math.min(2 * maxj + 2, n + 1);
    double[] a = new double[lenA];
    java.util.Arrays.fill(a, 1.0);
    java.util.Arrays.fill(a, minj, maxj, 0.0);
    for (int i = 1; i <= m; i++) {
      int lastminj = minj;
      int lastlen = curlen;
      minj = (int) Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
      minj = Math.min(minj, n);
      maxj = (int) Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1L);
      if (maxj <= minj) {
        return 1.0;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      for (int jj = 0; jj < maxj - minj; jj++) {
        int j = jj + minj;
        val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
        a[jj] = val;
      }
      curlen = maxj - minj;
      if (lastlen > curlen) {
        java.util.Arrays.fill(
            a, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)), 1.0);
      }
    }
    return a[maxj - minj - 1];
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
