package dev.mledger.core.stats;

/**
 * A multiple-comparison correction, with the semantics of {@code
 * statsmodels.stats.multitest.multipletests}. For {@code m} p-values sorted ascending as {@code
 * p(1) ≤ … ≤ p(m)}:
 */
public enum AdjustmentMethod {
  /**
   * Family-wise error control: adjusted {@code min(1, m·p)}; rejects {@code p ≤ α/m} (statsmodels
   * {@code 'bonferroni'}).
   */
  BONFERRONI,
  /**
   * Holm's step-down family-wise control: adjusted {@code p̃(i) = min(1, max_{j≤i} (m − j +
   * 1)·p(j))}; rejects {@code p(1..k)} where {@code k} is the last index before the first {@code
   * p(i) > α/(m − i + 1)} (statsmodels {@code 'holm'}).
   */
  HOLM,
  /**
   * Benjamini–Hochberg step-up false-discovery-rate control: adjusted {@code p̃(i) = min(1,
   * min_{j≥i} p(j)·m/j)}; rejects {@code p(1..k)} for the largest {@code k} with {@code p(k) ≤
   * k·α/m} (statsmodels {@code 'fdr_bh'}).
   */
  BENJAMINI_HOCHBERG
}
