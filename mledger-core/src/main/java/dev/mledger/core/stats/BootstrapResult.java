package dev.mledger.core.stats;

/**
 * A bootstrap confidence interval.
 *
 * @param estimate the statistic on the original sample
 * @param interval the confidence interval; a BCa interval has NaN bounds when the bootstrap
 *     distribution is degenerate (for example a constant sample), as scipy
 * @param standardError the sample standard deviation ({@code n − 1}) of the bootstrap distribution
 * @param method how the interval was read off the bootstrap distribution
 * @param settings the resample count, seed and confidence that reproduce this result
 */
public record BootstrapResult(
    double estimate,
    ConfidenceInterval interval,
    double standardError,
    BootstrapMethod method,
    BootstrapSettings settings) {}
