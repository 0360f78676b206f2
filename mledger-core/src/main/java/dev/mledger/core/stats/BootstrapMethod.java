package dev.mledger.core.stats;

/** How a bootstrap confidence interval is read off the bootstrap distribution. */
public enum BootstrapMethod {
  /** The {@code (1 − c)/2} and {@code (1 + c)/2} quantiles of the bootstrap distribution. */
  PERCENTILE,
  /**
   * Bias-corrected and accelerated (Efron 1987): the quantile levels are shifted by the bias
   * correction {@code z0 = Φ⁻¹(share of resamples below the estimate, ties counted half)} and the
   * jackknife acceleration {@code a = Σu³ / (6 (Σu²)^{3/2})}.
   */
  BCA
}
