package dev.mledger.core.drift;

/**
 * Drift between two sets of embeddings.
 *
 * @param mmdSquared the unbiased estimate of the squared maximum mean discrepancy with an RBF
 *     kernel
 * @param pValue the permutation p-value {@code (1 + #{permuted >= observed}) / (1 + permutations)}
 * @param bandwidth the kernel bandwidth sigma (median heuristic), {@code k(x, y) = exp(-|x-y|^2 /
 *     (2 sigma^2))}
 * @param meanEmbeddingDistance the Euclidean distance between the two mean embeddings (all rows)
 * @param meanEmbeddingCosineDistance {@code 1 - cos} of the angle between the two mean embeddings
 * @param permutations the number of permutations
 * @param referenceRowsUsed reference rows in the kernel test (after subsampling)
 * @param currentRowsUsed current rows in the kernel test (after subsampling)
 */
public record EmbeddingDriftResult(
    double mmdSquared,
    double pValue,
    double bandwidth,
    double meanEmbeddingDistance,
    double meanEmbeddingCosineDistance,
    int permutations,
    int referenceRowsUsed,
    int currentRowsUsed) {}
