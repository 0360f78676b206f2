package dev.mledger.core.stats;

/**
 * Settings of a Wilcoxon signed-rank test. {@link #defaults()} are scipy's: two-sided, {@link
 * WilcoxonMethod#AUTO}, no continuity correction. Zeros are always handled as scipy's {@code
 * zero_method='wilcox'} (dropped before ranking).
 *
 * @param continuityCorrection shift {@code z} by ½ toward the null; only used by {@link
 *     WilcoxonMethod#NORMAL_APPROXIMATION}
 */
public record WilcoxonOptions(
    Alternative alternative, WilcoxonMethod method, boolean continuityCorrection) {

  public WilcoxonOptions {
    StatsArguments.requireNonNull("alternative", alternative);
    StatsArguments.requireNonNull("method", method);
  }

  /** Two-sided, automatic method, no continuity correction. */
  public static WilcoxonOptions defaults() {
    return new WilcoxonOptions(Alternative.TWO_SIDED, WilcoxonMethod.AUTO, false);
  }

  public WilcoxonOptions withAlternative(Alternative value) {
    return new WilcoxonOptions(value, method, continuityCorrection);
  }

  public WilcoxonOptions withMethod(WilcoxonMethod value) {
    return new WilcoxonOptions(alternative, value, continuityCorrection);
  }

  public WilcoxonOptions withContinuityCorrection(boolean value) {
    return new WilcoxonOptions(alternative, method, value);
  }
}
