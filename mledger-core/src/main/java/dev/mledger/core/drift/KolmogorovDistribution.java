package dev.mledger.core.drift;

/**
 * Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, ported from
 * scipy's {@code scipy.stats._ksstats.kolmogn} (Simard and L'Ecuyer 2011: Ruben-Gambino for the
 * extremes, Durbin/Marsaglia-Tsang-Wang matrix, Pomeranz recursion, Pelz-Good expansion and the
 * one-sided Smirnov sum), branch for branch, so that p-values agree with {@code
 * scipy.stats.kstwo.sf}. scipy's two-sample asymptotic p-value is {@code kstwo.sf(d, round(mn/(m +
 * n)))}.
 */
final class KolmogorovDistribution {
  private static final int E128 = 128;
  private static final double EP128 = Math.scalb(1.0, E128);
  private static final double EM128 = Math.scalb(1.0, -E128);
  private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final double MIN_LOG = -708;
  private static final double SQRT3 = Math.sqrt(3);
  private static final double PI_SQUARED = Math.PI * Math.PI;
  private static final double PI_FOUR = PI_SQUARED * PI_SQUARED;
  private static final double PI_SIX = PI_FOUR * PI_SQUARED;
  private static final double[] STIRLING_COEFFS = {
    -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
    8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
    -2.7777777777777777778e-3, 8.3333333333333333333e-2
  };

  private KolmogorovDistribution() {}

  /** {@code Pr(D_n > x)}, i.e. {@code scipy.stats.kstwo.sf(x, n)}. */
  static double sf(long n, double x) {
    if (n <= 0 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x >= 1.0) {
      return 0.0;
    }
    double t = n * x;
    // kstwo's support starts at 0.5/n: below it the statistic is certainly exceeded.
    if (t <= 0.5) {
      return 1.0;
    }
    if (t <= 1.0) {
      double prob;
      if (n <= 140) {
        prob = 1.0;
        for (long i = 1; i <= n; i++) {
          prob *= i * (1.0 / n) * (2 * t - 1);
        }
      } else {
        prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
      }
      return clip(1.0 - prob);
    }
    if (t >= n - 1) {
      return clip(2 * Math.pow(1.0 - x, n));
    }
    if (x >= 0.5) {
      return clip(2 * Smirnov.sf(Math.toIntExact(n), x));
    }
    double nxSquared = t * x;
    if (n <= 140) {
      if (nxSquared <= 0.754693) {
        return clip(1.0 - durbinMatrixCdf((int) n, x));
      }
      if (nxSquared <= 4) {
        return clip(1.0 - pomeranzCdf((int) n, x));
      }
      return clip(2 * Smirnov.sf((int) n, x));
    }
    if (nxSquared >= 370.0) {
      return 0.0;
    }
    if (nxSquared >= 2.2) {
      return clip(2 * Smirnov.sf(Math.toIntExact(n), x));
    }
    double cdf;
    if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) {
      cdf = durbinMatrixCdf((int) n, x);
    } else {
      cdf = pelzGoodCdf(n, x);
    }
    return clip(1.0 - cdf);
  }

  private static double logNFactorialDivNPowN(long n) {
    double rn = 1.0 / n;
    double x = rn / n;
    double poly = 0;
    for (double c : STIRLING_COEFFS) {
      poly = poly * x + c;
    }
    return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
  }

  /** Durbin's matrix method as reorganised by Marsaglia, Tsang and Wang (2003). */
  private static double durbinMatrixCdf(int n, double d) {
    double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;
    double[] v = new double[m];
    double[] w = new double[m];
    double fac = 1.0;
    for (int j = 1; j <= m; j++) {
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] = (1.0 - Math.pow(h, j)) * fac;
    }
    double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
    v[m - 1] = (1.0 + tt) * fac;

    double[][] hm = new double[m][m];
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        hm[r][i] = w[r - (i - 1)];
      }
    }
    for (int r = 0; r < m; r++) {
      hm[r][0] = v[r];
    }
    for (int c = 0; c < m; c++) {
      hm[m - 1][c] = v[m - 1 - c];
    }

    double[][] power = identity(m);
    int nn = n;
    int exponent = 0;
    int hExponent = 0;
    while (nn > 0) {
      if (nn % 2 == 1) {
        power = multiply(power, hm);
        exponent += hExponent;
      }
      hm = multiply(hm, hm);
      hExponent *= 2;
      if (Math.abs(hm[k - 1][k - 1]) > EP128) {
        scale(hm, 1.0 / EP128);
        hExponent += E128;
      }
      nn /= 2;
    }
    double p = power[k - 1][k - 1];
    for (int i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < EM128) {
        p *= EP128;
        exponent -= E128;
      }
    }
    if (exponent != 0) {
      p = Math.scalb(p, exponent);
    }
    return clip(p);
  }

  /** Pomeranz's recursion (1974), used by scipy for small n and moderate n*x^2. */
  private static double pomeranzCdf(int n, double x) {
    double t = n * x;
    int ll = (int) Math.floor(t);
    double f = t - ll;
    double g = Math.min(f, 1.0 - f);
    int ceilf = f > 0 ? 1 : 0;
    int roundf = f > 0.5 ? 1 : 0;
    int npwrs = 2 * (ll + 1);
    double[] gpower = new double[npwrs];
    double[] twogpower = new double[npwrs];
    double[] onem2gpower = new double[npwrs];
    gpower[0] = 1.0;
    twogpower[0] = 1.0;
    onem2gpower[0] = 1.0;
    int exponent = 0;
    double gOverN = g / n;
    double twoGOverN = 2 * g / n;
    double oneMinusTwoGOverN = (1 - 2 * g) / n;
    for (int m = 1; m < npwrs; m++) {
      gpower[m] = gpower[m - 1] * gOverN / m;
      twogpower[m] = twogpower[m - 1] * twoGOverN / m;
      onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
    }
    double[] v0 = new double[npwrs];
    double[] v1 = new double[npwrs];
    v1[0] = 1;
    int v0s = 0;
    int v1s = 0;
    int[] bounds = pomeranzBounds(0, n, ll, ceilf, roundf);
    int j1 = bounds[0];
    int j2;
    for (int i = 1; i < 2 * n + 2; i++) {
      int k1 = j1;
      double[] swap = v0;
      v0 = v1;
      v1 = swap;
      int swapStart = v0s;
      v0s = v1s;
      v1s = swapStart;
      java.util.Arrays.fill(v1, 0.0);
      bounds = pomeranzBounds(i, n, ll, ceilf, roundf);
      j1 = bounds[0];
      j2 = bounds[1];
      double[] pwrs;
      if (i == 1 || i == 2 * n + 1) {
        pwrs = gpower;
      } else {
        pwrs = i % 2 == 1 ? twogpower : onem2gpower;
      }
      int ln2 = j2 - k1 + 1;
      if (ln2 > 0) {
        int convStart = j1 - k1;
        int convLen = j2 - j1 + 1;
        int offset = k1 - v0s;
        // numpy slices silently stop at the array end; the bounds below do the same.
        int aLen = Math.min(ln2, npwrs - offset);
        int bLen = Math.min(ln2, npwrs);
        double max = 0;
        for (int c = 0; c < convLen; c++) {
          int idx = convStart + c;
          double sum = 0;
          // Term idx of the full convolution of v0[offset ..] with pwrs, as np.convolve.
          int lo = Math.max(0, idx - (bLen - 1));
          int hi = Math.min(idx, aLen - 1);
          for (int a = lo; a <= hi; a++) {
            sum += v0[offset + a] * pwrs[idx - a];
          }
          v1[c] = sum;
          max = Math.max(max, sum);
        }
        if (max > 0 && max < EM128) {
          for (int c = 0; c < v1.length; c++) {
            v1[c] *= EP128;
          }
          exponent -= E128;
        }
        v1s = v0s + j1 - k1;
      }
    }
    double ans = v1[n - v1s];
    for (int m = 1; m <= n; m++) {
      if (Math.abs(ans) > EP128) {
        ans *= EM128;
        exponent += E128;
      }
      ans *= m;
    }
    if (exponent != 0) {
      ans = Math.scalb(ans, exponent);
    }
    return clip(ans);
  }

  private static int[] pomeranzBounds(int i, int n, int ll, int ceilf, int roundf) {
    int j1;
    int j2;
    if (i == 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      int ip1div2 = (i + 1) / 2;
      int ip1mod2 = (i + 1) % 2;
      if (ip1mod2 == 0) {
        if (ip1div2 == n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = ip1div2 - 1 - ll - roundf - 1;
          j2 = ip1div2 + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = ip1div2 - 1 - ll - 1;
        j2 = ip1div2 + ll + roundf - 1;
      }
    }
    return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
  }

  /** The Pelz-Good (1976) asymptotic expansion of Pr(D_n <= x). */
  private static double pelzGoodCdf(long n, double x) {
    if (x <= 0.0) {
      return 0.0;
    }
    if (x >= 1.0) {
      return 1.0;
    }
    double z = Math.sqrt(n) * x;
    double z2 = z * z;
    double z3 = z2 * z;
    double z4 = z2 * z2;
    double z6 = z4 * z2;
    double qlog = -PI_SQUARED / 8 / z2;
    if (qlog < MIN_LOG) {
      return 0.0;
    }
    double q = Math.exp(qlog);
    double k1a = -z2;
    double k1b = PI_SQUARED / 4;
    double k2a = 6 * z6 + 2 * z4;
    double k2b = (2 * z4 - 5 * z2) * PI_SQUARED / 4;
    double k2c = PI_FOUR * (1 - 2 * z2) / 16;
    double k3d = PI_SIX * (5 - 30 * z2) / 64;
    double k3c = PI_FOUR * (-60 * z2 + 212 * z4) / 16;
    double k3b = PI_SQUARED * (135 * z4 - 96 * z6) / 4;
    double k3a = -30 * z6 - 90 * Math.pow(z, 8);

    double[] k = new double[4];
    int maxk = (int) Math.ceil(16 * z / Math.PI);
    for (int kk = maxk; kk > 0; kk--) {
      double m = 2.0 * kk - 1;
      double m2 = m * m;
      double m4 = m2 * m2;
      double m6 = m4 * m2;
      double qpower = Math.pow(q, 8.0 * kk);
      double[] coeffs = {
        1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6
      };
      for (int i = 0; i < 4; i++) {
        k[i] = k[i] * qpower + coeffs[i];
      }
    }
    double[] divisors = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
    for (int i = 0; i < 4; i++) {
      k[i] = k[i] * q * SQRT2PI / divisors[i];
    }
    double q2 = Math.exp(-PI_SQUARED / 2 / z2);
    double sqrt3z = SQRT3 * z;
    double k2extra = 0;
    double k3extra = 0;
    for (int kk = maxk; kk > 0; kk--) {
      double ksq = (double) kk * kk;
      double qp = Math.pow(q2, ksq);
      double kspi = Math.PI * kk;
      k2extra += ksq * qp;
      k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
    }
    k[2] += k2extra * PI_SQUARED * SQRT2PI / (-36 * z3);
    k[3] += k3extra * PI_SQUARED * SQRT2PI / (216 * z6);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += k[i] / Math.pow(n, i / 2.0);
    }
    return sum;
  }

  private static double[][] identity(int m) {
    double[][] id = new double[m][m];
    for (int i = 0; i < m; i++) {
      id[i][i] = 1.0;
    }
    return id;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] out = new double[m][m];
    for (int i = 0; i < m; i++) {
      double[] row = out[i];
      for (int k = 0; k < m; k++) {
        double aik = a[i][k];
        if (aik == 0) {
          continue;
        }
        double[] bk = b[k];
        for (int j = 0; j < m; j++) {
          row[j] += aik * bk[j];
        }
      }
    }
    return out;
  }

  private static void scale(double[][] a, double factor) {
    for (double[] row : a) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= factor;
      }
    }
  }

  private static double clip(double p) {
    return Math.max(0.0, Math.min(1.0, p));
  }
}
