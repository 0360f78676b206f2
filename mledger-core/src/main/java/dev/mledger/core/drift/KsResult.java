package dev.mledger.core.drift;

/**
 * A two-sided two-sample Kolmogorov-Smirnov test.
 *
 * @param statistic the largest absolute difference between the two empirical CDFs
 * @param pValue the two-sided p-value
 * @param method the method actually used: {@link KsMethod#EXACT} or {@link KsMethod#ASYMPTOTIC}
 */
public record KsResult(double statistic, double pValue, KsMethod method) {}
