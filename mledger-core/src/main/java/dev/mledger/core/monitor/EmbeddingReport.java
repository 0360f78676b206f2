package dev.mledger.core.monitor;

import dev.mledger.core.drift.EmbeddingDriftResult;

/**
 * Embedding drift of one window: the kernel two-sample test (MMD with a seeded permutation p-value)
 * and the distance between mean embeddings, window against the reference sample.
 *
 * @param currentRows window events that carried an embedding
 * @param referenceRows reference embeddings in the sample compared with
 * @param result the test (statistic, p-value, bandwidth, mean-embedding distances)
 * @param pValueThreshold drift when the p-value is below this
 */
public record EmbeddingReport(
    int currentRows, int referenceRows, EmbeddingDriftResult result, double pValueThreshold) {

  /** Whether the window's embeddings drifted (p-value below the threshold). */
  public boolean drifted() {
    return result.pValue() < pValueThreshold;
  }
}
