package dev.mledger.core.analysis;

import dev.mledger.core.stats.TTestResult;

/**
 * One level against the reference level.
 *
 * @param level the compared level
 * @param reference the reference level
 * @param meanDelta {@code mean(level) − mean(reference)}
 * @param cohensD the standardized effect {@code meanDelta / s_pooled} with {@code s_pooled² = ((n₁
 *     − 1) s₁² + (n₂ − 1) s₂²) / (n₁ + n₂ − 2)}; {@code ±Infinity} when both levels are constant
 *     and differ, NaN when no spread can be estimated (one run each) or the delta is 0 with no
 *     spread
 * @param welch Welch's t-test of the delta with its interval; null unless both levels have at least
 *     two runs
 * @param holmAdjustedPValue Welch's p-value adjusted with Holm's method over all comparisons that
 *     have one; null when {@code welch} is null or its p-value is NaN
 */
public record LevelComparison(
    String level,
    String reference,
    double meanDelta,
    double cohensD,
    TTestResult welch,
    Double holmAdjustedPValue) {}
