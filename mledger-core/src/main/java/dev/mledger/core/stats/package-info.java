/**
 * Statistics for comparing machine-learning runs: descriptive summaries, Student-t and bootstrap
 * confidence intervals, paired and Welch t-tests, the Wilcoxon signed-rank test,
 * multiple-comparison corrections, and the run-group aggregations built on them.
 *
 * <p>Conventions shared by every class here:
 *
 * <ul>
 *   <li>Results match {@code scipy.stats} (and {@code statsmodels.stats.multitest} for p-value
 *       adjustment) to 1e-9; each class names the function it mirrors.
 *   <li>Variances are sample variances (divisor {@code n - 1}).
 *   <li>Invalid input (too few values, NaN or infinite values, mismatched lengths, a confidence or
 *       alpha outside {@code (0, 1)}) raises {@link dev.mledger.core.error.MledgerException} with
 *       {@link dev.mledger.core.error.ErrorCode#INVALID_PARAMETER_VALUE}.
 *   <li>Degenerate but valid input (for example zero variance) is not an error: results carry the
 *       IEEE values scipy reports ({@code NaN}, {@code ±Infinity}); each result type documents
 *       them.
 * </ul>
 */
package dev.mledger.core.stats;
