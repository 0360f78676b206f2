package dev.mledger.core.drift;

/**
 * A test of homogeneity on the 2 x k table of reference and current category counts.
 *
 * @param statistic Pearson's chi-square or the G (log-likelihood ratio) statistic
 * @param pValue the upper tail of the chi-square distribution with {@code degreesOfFreedom}
 * @param degreesOfFreedom {@code k - 1}
 */
public record ContingencyResult(double statistic, double pValue, int degreesOfFreedom) {}
