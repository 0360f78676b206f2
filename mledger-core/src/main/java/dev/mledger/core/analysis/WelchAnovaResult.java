package dev.mledger.core.analysis;

/**
 * Outcome of Welch's one-way ANOVA.
 *
 * @param statistic Welch's F; {@code +Infinity} when every group is constant but the groups differ,
 *     {@code NaN} when all values are equal or when only some groups are constant (as scipy)
 * @param numeratorDf {@code k − 1} for {@code k} groups
 * @param denominatorDf Welch's adjusted denominator degrees of freedom (fractional)
 * @param pValue {@code P(F > statistic)}; NaN exactly when the statistic is
 */
public record WelchAnovaResult(
    double statistic, double numeratorDf, double denominatorDf, double pValue) {}
