/**
 * Drift statistics: the statistical heart of monitoring and of {@code mledger drift}.
 *
 * <p>Full-sample statistics match scipy: {@link dev.mledger.core.drift.KolmogorovSmirnovTest}
 * ({@code ks_2samp}), {@link dev.mledger.core.drift.Wasserstein} ({@code wasserstein_distance}),
 * {@link dev.mledger.core.drift.ContingencyTest} ({@code chi2_contingency}, Pearson and G), {@link
 * dev.mledger.core.drift.Divergences} (PSI, KL via {@code entropy}, JS divergence via {@code
 * jensenshannon}) over {@link dev.mledger.core.drift.QuantileBins}. {@link
 * dev.mledger.core.drift.EmbeddingDrift} tests embeddings with a kernel MMD permutation test.
 * {@link dev.mledger.core.drift.DriftAnalysis} assembles per-column results and verdicts ({@link
 * dev.mledger.core.drift.TestSelection}) into a {@link dev.mledger.core.drift.DriftReport}.
 *
 * <p>Binning, smoothing and test-selection rules are documented in {@code docs/DRIFT.md}.
 */
package dev.mledger.core.drift;
