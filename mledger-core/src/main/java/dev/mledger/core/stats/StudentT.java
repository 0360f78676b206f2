package dev.mledger.core.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/** Student-t tail probabilities, quantiles and intervals as scipy's t-tests compute them. */
final class StudentT {
  // Hipparchus' default quantile accuracy (1e-9) is too coarse to match scipy's stdtrit to 1e-9
  // on interval bounds; the inverse is solved to near machine precision instead.
  private static final double QUANTILE_ACCURACY = 1e-15;

  private StudentT() {}

  static double cdf(double t, double degreesOfFreedom) {
    if (Double.isNaN(t) || Double.isNaN(degreesOfFreedom)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return t > 0 ? 1.0 : 0.0;
    }
    return new TDistribution(degreesOfFreedom).cumulativeProbability(t);
  }

  /** Upper tail {@code P(T > t)}, computed as {@code cdf(−t)} to keep precision in the tail. */
  static double survival(double t, double degreesOfFreedom) {
    return cdf(-t, degreesOfFreedom);
  }

  static double quantile(double probability, double degreesOfFreedom) {
    return new TDistribution(degreesOfFreedom, QUANTILE_ACCURACY)
        .inverseCumulativeProbability(probability);
  }

  /**
   * p-value of statistic {@code t} as scipy's {@code _get_pvalue} (two-sided: {@code 2·sf(|t|)}).
   */
  static double pValue(double t, double degreesOfFreedom, Alternative alternative) {
    return switch (alternative) {
      case LESS -> cdf(t, degreesOfFreedom);
      case GREATER -> survival(t, degreesOfFreedom);
      case TWO_SIDED -> Math.min(1.0, 2.0 * survival(Math.abs(t), degreesOfFreedom));
    };
  }

  /**
   * {@code estimate + q·standardError} for the t quantiles {@code q} matching the alternative
   * (scipy's {@code _t_confidence_interval}). The open side of a one-sided interval is always
   * infinite, even when the standard error is zero (where scipy's {@code −∞·0} yields NaN).
   */
  static ConfidenceInterval interval(
      double estimate,
      double standardError,
      double degreesOfFreedom,
      double confidence,
      Alternative alternative) {
    return switch (alternative) {
      case TWO_SIDED -> {
        double tail = (1.0 - confidence) / 2.0;
        double low = quantile(tail, degreesOfFreedom) * standardError + estimate;
        double high = quantile(1.0 - tail, degreesOfFreedom) * standardError + estimate;
        yield new ConfidenceInterval(low, high, confidence);
      }
      case LESS ->
          new ConfidenceInterval(
              Double.NEGATIVE_INFINITY,
              quantile(confidence, degreesOfFreedom) * standardError + estimate,
              confidence);
      case GREATER ->
          new ConfidenceInterval(
              quantile(1.0 - confidence, degreesOfFreedom) * standardError + estimate,
              Double.POSITIVE_INFINITY,
              confidence);
    };
  }
}
