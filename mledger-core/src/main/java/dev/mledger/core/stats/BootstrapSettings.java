package dev.mledger.core.stats;

import dev.mledger.core.error.MledgerException;

/**
 * Reproducible bootstrap settings: the same settings and data always give the same interval.
 *
 * @param resamples number of bootstrap resamples, at least {@value #MINIMUM_RESAMPLES} (scipy's
 *     default is {@value #DEFAULT_RESAMPLES})
 * @param seed seed of the resampling generator
 * @param confidence two-sided confidence level in {@code (0, 1)}
 */
public record BootstrapSettings(int resamples, long seed, double confidence) {
  public static final int DEFAULT_RESAMPLES = 9999;
  public static final int MINIMUM_RESAMPLES = 100;

  public BootstrapSettings {
    if (resamples < MINIMUM_RESAMPLES) {
      throw MledgerException.invalidParameter(
          "A bootstrap needs at least "
              + MINIMUM_RESAMPLES
              + " resamples for a meaningful interval, got "
              + resamples
              + ".");
    }
    StatsArguments.requireConfidence(confidence);
  }

  /** {@value #DEFAULT_RESAMPLES} resamples at 95% confidence with the given seed. */
  public static BootstrapSettings withSeed(long seed) {
    return new BootstrapSettings(DEFAULT_RESAMPLES, seed, StudentTInterval.DEFAULT_CONFIDENCE);
  }

  public BootstrapSettings withResamples(int value) {
    return new BootstrapSettings(value, seed, confidence);
  }

  public BootstrapSettings withConfidence(double value) {
    return new BootstrapSettings(resamples, seed, value);
  }
}
