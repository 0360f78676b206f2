/**
 * Analyses over sets of runs, the logic behind {@code mledger runs compare|best|effect}: the
 * comparison of two runs ({@code Δ = m(a) − m(b)} per metric, differing params), best-run selection
 * with an explicit direction and ties, and parameter-effect analysis (levels of one param,
 * per-level Student-t intervals, effect sizes, Welch's one-way ANOVA, confounding and seed-only run
 * groups).
 *
 * <p>Everything here is pure and deterministic: inputs are {@link dev.mledger.core.tracking.Run}
 * records as the tracking API returns them; the statistics come from {@link
 * dev.mledger.core.stats}. Invalid requests (a metric no run has, an unknown reference level) raise
 * {@link dev.mledger.core.error.MledgerException} with an MLflow error code.
 */
package dev.mledger.core.analysis;
