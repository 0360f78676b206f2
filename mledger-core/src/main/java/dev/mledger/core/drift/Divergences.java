package dev.mledger.core.drift;

/**
 * Binned divergences between a reference and a current histogram (numeric bins or categories).
 *
 * <ul>
 *   <li>PSI and KL use smoothed proportions: a bin empty in one sample gets proportion {@link
 *       #EPSILON} (Evidently's value) and the vector is renormalised to sum 1, so both stay finite.
 *       PSI = sum (p - q) ln(p / q); KL = KL(reference || current) = sum p ln(p / q), which is
 *       {@code scipy.stats.entropy(p_smoothed, q_smoothed)}.
 *   <li>JS is the Jensen-Shannon <em>divergence</em> (not the distance) on raw proportions, where
 *       it is always finite: {@code scipy.spatial.distance.jensenshannon(p, q, base) ** 2}.
 * </ul>
 *
 * Natural-log values are in nats; the {@code base2} variants are in bits (JS in bits lies in [0,
 * 1]).
 */
public final class Divergences {
  /** The proportion given to an empty bin before renormalisation. */
  public static final double EPSILON = 1e-4;

  private static final double LN2 = Math.log(2);

  private Divergences() {}

  /** Proportions with empty bins raised to {@link #EPSILON}, renormalised to sum 1. */
  public static double[] smoothed(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] p = new double[counts.length];
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      p[i] = counts[i] == 0 ? EPSILON : counts[i] / total;
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** The population stability index between reference and current counts over the same bins. */
  public static double psi(long[] reference, long[] current) {
    double[] p = smoothed(reference);
    double[] q = smoothed(current);
    double psi = 0;
    for (int i = 0; i < p.length; i++) {
      psi += (p[i] - q[i]) * Math.log(p[i] / q[i]);
    }
    return psi;
  }

  /** KL(reference || current) in nats, on smoothed proportions. */
  public static double kl(long[] reference, long[] current) {
    double[] p = smoothed(reference);
    double[] q = smoothed(current);
    double kl = 0;
    for (int i = 0; i < p.length; i++) {
      kl += p[i] * Math.log(p[i] / q[i]);
    }
    return Math.max(0.0, kl);
  }

  /** The Jensen-Shannon divergence in nats, on raw proportions. */
  public static double js(long[] reference, long[] current) {
    double n = 0;
    double m = 0;
    for (int i = 0; i < reference.length; i++) {
      n += reference[i];
      m += current[i];
    }
    double left = 0;
    double right = 0;
    for (int i = 0; i < reference.length; i++) {
      double p = reference[i] / n;
      double q = current[i] / m;
      double mid = (p + q) / 2.0;
      left += relativeEntropy(p, mid);
      right += relativeEntropy(q, mid);
    }
    return Math.max(0.0, (left + right) / 2.0);
  }

  /** Converts nats to bits. */
  public static double toBase2(double nats) {
    return nats / LN2;
  }

  private static double relativeEntropy(double x, double y) {
    return x == 0 ? 0 : x * Math.log(x / y);
  }
}
