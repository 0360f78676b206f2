package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/**
 * The statistics a drift verdict can be based on. P-value tests flag drift when the p-value is
 * below the threshold; distances flag drift when the value reaches it.
 */
public enum DriftTest {
  /** Two-sample Kolmogorov-Smirnov test; verdict on {@code ks_pvalue}. */
  KS("ks", "ks_pvalue", true),
  /** Pearson chi-square homogeneity test; verdict on {@code chi2_pvalue}. */
  CHI2("chi2", "chi2_pvalue", true),
  /** G-test (log-likelihood ratio); verdict on {@code g_pvalue}. */
  G_TEST("g_test", "g_pvalue", true),
  /** Wasserstein-1 distance normalised by the reference standard deviation. */
  WASSERSTEIN("wasserstein", "wasserstein_norm", false),
  /** Jensen-Shannon divergence in nats. */
  JENSEN_SHANNON("jensenshannon", "js", false),
  /** Population stability index. */
  PSI("psi", "psi", false),
  /** Kullback-Leibler divergence KL(reference || current) in nats. */
  KL("kl", "kl", false),
  /** Kernel MMD permutation test on embeddings; verdict on {@code mmd_pvalue}. */
  MMD("mmd", "mmd_pvalue", true);

  private final String jsonName;
  private final String statistic;
  private final boolean pValue;

  DriftTest(String jsonName, String statistic, boolean pValue) {
    this.jsonName = jsonName;
    this.statistic = statistic;
    this.pValue = pValue;
  }

  /** The name used on the command line and in reports. */
  public String jsonName() {
    return jsonName;
  }

  /** The report key of the value the verdict compares with the threshold. */
  public String statistic() {
    return statistic;
  }

  /** Whether the verdict value is a p-value (drift when below the threshold). */
  public boolean isPValue() {
    return pValue;
  }

  /** Whether {@code value} means drift at {@code threshold}. */
  public boolean drifted(double value, double threshold) {
    if (Double.isNaN(value)) {
      return false;
    }
    return pValue ? value < threshold : value >= threshold;
  }

  /** Parses a report name such as {@code ks} or {@code wasserstein}. */
  public static DriftTest fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (DriftTest test : values()) {
      if (test.jsonName.equals(wanted) || test.name().toLowerCase(Locale.ROOT).equals(wanted)) {
        return test;
      }
    }
    throw MledgerException.invalidParameter(
        "unknown drift test '"
            + name
            + "'; expected one of ks, chi2, g_test, wasserstein, jensenshannon, psi, kl");
  }
}
