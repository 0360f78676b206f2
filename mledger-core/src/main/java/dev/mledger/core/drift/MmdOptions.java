package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;

/**
 * Settings of the embedding drift test.
 *
 * @param permutations permutations for the p-value (default 500)
 * @param seed seed of the permutations and of the subsample
 * @param maxSamplesPerSide larger samples are subsampled (without replacement, seeded) to this many
 *     rows each, because the kernel matrix is quadratic in the number of rows (default 500)
 */
public record MmdOptions(int permutations, long seed, int maxSamplesPerSide) {
  public MmdOptions {
    if (permutations < 1) {
      throw MledgerException.invalidParameter("permutations must be at least 1");
    }
    if (maxSamplesPerSide < 2) {
      throw MledgerException.invalidParameter("maxSamplesPerSide must be at least 2");
    }
  }

  /** 500 permutations, seed 0, at most 500 rows per side. */
  public static MmdOptions defaults() {
    return new MmdOptions(500, 0L, 500);
  }
}
