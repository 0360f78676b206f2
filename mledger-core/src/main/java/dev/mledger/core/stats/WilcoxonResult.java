package dev.mledger.core.stats;

/**
 * Outcome of a Wilcoxon signed-rank test, with scipy's conventions.
 *
 * @param statistic {@code min(R⁺, R⁻)} for a two-sided test, {@code R⁺} (the rank sum of the
 *     positive differences) for a one-sided one
 * @param pValue the p-value; {@code NaN} under the normal approximation when every difference is
 *     zero (σ = 0), as scipy
 * @param zStatistic the (continuity-corrected, if requested) normal deviate when {@code method} is
 *     {@link WilcoxonMethod#NORMAL_APPROXIMATION}, reported as {@code −|z|} for two-sided tests;
 *     {@code NaN} for the other methods
 * @param method the method actually used (never {@link WilcoxonMethod#AUTO})
 * @param alternative the alternative hypothesis tested
 * @param nonZeroCount the number of non-zero differences that were ranked
 * @param zeroCount the number of zero differences, which were dropped
 * @param tied whether any absolute non-zero differences were tied
 */
public record WilcoxonResult(
    double statistic,
    double pValue,
    double zStatistic,
    WilcoxonMethod method,
    Alternative alternative,
    int nonZeroCount,
    int zeroCount,
    boolean tied) {}
