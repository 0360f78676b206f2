package dev.mledger.core.stats;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Non-parametric bootstrap confidence intervals for a statistic of one sample, with explicit seeds
 * for reproducibility.
 *
 * <p>Resample {@code b} draws {@code n} indices uniformly with replacement from a {@link
 * SplitMix64} stream seeded with {@link BootstrapSettings#seed()}, resample after resample.
 * Intervals are then computed exactly as {@code scipy.stats.bootstrap(…, method='percentile' |
 * 'BCa')} computes them from that bootstrap distribution: quantiles by linear interpolation
 * (numpy's default), the BCa bias correction from the share of resamples below the estimate (ties
 * counted half) and the acceleration from the leave-one-out jackknife.
 */
public final class Bootstrap {
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

  private Bootstrap() {}

  /** Bootstrap interval of the mean. */
  public static BootstrapResult meanInterval(
      double[] values, BootstrapMethod method, BootstrapSettings settings) {
    return interval(values, Descriptive::meanOfChecked, method, settings);
  }

  /**
   * Bootstrap interval of {@code statistic}, which receives each resample as a fresh array of the
   * sample's length (and each jackknife sample, one value shorter, for BCa).
   *
   * @throws dev.mledger.core.error.MledgerException INVALID_PARAMETER_VALUE for fewer than two
   *     values or a NaN/infinite value
   */
  public static BootstrapResult interval(
      double[] values,
      ToDoubleFunction<double[]> statistic,
      BootstrapMethod method,
      BootstrapSettings settings) {
    StatsArguments.requireNonNull("statistic", statistic);
    StatsArguments.requireNonNull("method", method);
    StatsArguments.requireNonNull("settings", settings);
    StatsArguments.requireFinite("values", values, 2);
    double[] sample = values.clone();

    double estimate = statistic.applyAsDouble(sample.clone());
    double[] distribution = distribution(sample, statistic, settings.resamples(), settings.seed());
    double tail = (1.0 - settings.confidence()) / 2.0;
    double lowLevel = tail;
    double highLevel = 1.0 - tail;
    if (method == BootstrapMethod.BCA) {
      double z0 = biasCorrection(distribution, estimate);
      double acceleration = acceleration(sample, statistic);
      lowLevel = bcaLevel(z0, acceleration, STANDARD_NORMAL.inverseCumulativeProbability(tail));
      highLevel = bcaLevel(z0, acceleration, -STANDARD_NORMAL.inverseCumulativeProbability(tail));
    }
    double[] sorted = distribution.clone();
    Arrays.sort(sorted);
    ConfidenceInterval interval =
        new ConfidenceInterval(
            quantile(sorted, lowLevel), quantile(sorted, highLevel), settings.confidence());
    double standardError =
        Math.sqrt(
            Descriptive.varianceOfChecked(distribution, Descriptive.meanOfChecked(distribution)));
    return new BootstrapResult(estimate, interval, standardError, method, settings);
  }

  static double[] distribution(
      double[] sample, ToDoubleFunction<double[]> statistic, int resamples, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    int n = sample.length;
    double[] distribution = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double[] resample = new double[n];
      for (int i = 0; i < n; i++) {
        resample[i] = sample[random.nextIndex(n)];
      }
      distribution[b] = statistic.applyAsDouble(resample);
    }
    return distribution;
  }

  private static double biasCorrection(double[] distribution, double estimate) {
    long below = 0;
    long atOrBelow = 0;
    for (double value : distribution) {
      if (value < estimate) {
        below++;
      }
      if (value <= estimate) {
        atOrBelow++;
      }
    }
    double share = (double) (below + atOrBelow) / (2.0 * distribution.length);
    return STANDARD_NORMAL.inverseCumulativeProbability(share);
  }

  /**
   * Jackknife acceleration {@code a = Σu³/n³ / (6 (Σu²/n²)^{3/2})}, {@code u = (n−1)(θ̄ − θ_i)}.
   */
  private static double acceleration(double[] sample, ToDoubleFunction<double[]> statistic) {
    int n = sample.length;
    double[] leaveOneOut = new double[n];
    for (int skipped = 0; skipped < n; skipped++) {
      double[] reduced = new double[n - 1];
      for (int i = 0, k = 0; i < n; i++) {
        if (i != skipped) {
          reduced[k++] = sample[i];
        }
      }
      leaveOneOut[skipped] = statistic.applyAsDouble(reduced);
    }
    double jackknifeMean = Descriptive.meanOfChecked(leaveOneOut);
    double sumCubes = 0.0;
    double sumSquares = 0.0;
    for (double theta : leaveOneOut) {
      double u = (n - 1) * (jackknifeMean - theta);
      sumCubes += u * u * u;
      sumSquares += u * u;
    }
    double size = n;
    double numerator = sumCubes / (size * size * size);
    double denominator = sumSquares / (size * size);
    return 1.0 / 6.0 * numerator / Math.pow(denominator, 1.5);
  }

  private static double bcaLevel(double z0, double acceleration, double zAlpha) {
    double shifted = z0 + zAlpha;
    double level = z0 + shifted / (1.0 - acceleration * shifted);
    if (Double.isNaN(level)) {
      return Double.NaN;
    }
    return STANDARD_NORMAL.cumulativeProbability(level);
  }

  /**
   * Quantile of sorted data by linear interpolation between order statistics (Hyndman–Fan type 7,
   * numpy's and {@code scipy.stats.quantile}'s default); NaN for a NaN level.
   */
  static double quantile(double[] sorted, double level) {
    if (Double.isNaN(level)) {
      return Double.NaN;
    }
    int n = sorted.length;
    double position = level * n + (1.0 - level);
    double upperIndex = Math.floor(position);
    double lowerIndex = upperIndex - 1;
    double fraction = position - upperIndex;
    if (lowerIndex < 0) {
      fraction = 0.0;
    }
    int lower = (int) Math.min(Math.max(lowerIndex, 0), n - 1);
    int upper = (int) Math.min(Math.max(upperIndex, 0), n - 1);
    return (1.0 - fraction) * sorted[lower] + fraction * sorted[upper];
  }
}
