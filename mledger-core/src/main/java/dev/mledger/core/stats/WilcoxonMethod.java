package dev.mledger.core.stats;

/** How the p-value of a Wilcoxon signed-rank test is obtained. */
public enum WilcoxonMethod {
  /**
   * scipy's {@code method='auto'} (scipy ≥ 1.15 rules): {@link #EXACT} when there are at most 50
   * differences and neither zeros nor ties; otherwise {@link #PERMUTATION} when there are at most
   * 13 differences; otherwise {@link #NORMAL_APPROXIMATION}. Only ever a request, never a result.
   */
  AUTO,
  /**
   * The exact null distribution of the positive rank sum for untied ranks {@code 1..n}. With ties
   * the statistic is rounded conservatively (up for the lower tail, down for the upper), as scipy.
   */
  EXACT,
  /**
   * Exhaustive enumeration of all {@code 2^n} sign assignments of the observed (possibly tied)
   * ranks: exact even with ties and zeros. scipy runs this for {@code n ≤ 13}.
   */
  PERMUTATION,
  /**
   * Normal approximation {@code z = (R⁺ − μ) / σ} with {@code μ = n(n+1)/4} and {@code σ² =
   * (n(n+1)(2n+1) − Σ(t³ − t)/2) / 24} over the non-zero differences (tie-corrected), optionally
   * with a continuity correction of ½ toward the null.
   */
  NORMAL_APPROXIMATION
}
