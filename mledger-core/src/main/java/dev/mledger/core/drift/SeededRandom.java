package dev.mledger.core.drift;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), spelled out so that a seed gives the same permutations
 * and subsamples on every JVM and in the Python oracle that mirrors it (the same generator as the
 * statistics package's bootstrap).
 */
final class SeededRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SeededRandom(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform index in {@code [0, bound)}, rejecting the incomplete last block. */
  int nextIndex(int bound) {
    long draw;
    long candidate;
    do {
      draw = nextLong() >>> 1;
      candidate = draw % bound;
    } while (draw - candidate + (bound - 1) < 0);
    return (int) candidate;
  }

  /** Fisher-Yates shuffle of {@code values} in place (i from the end, j in [0, i]). */
  void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = nextIndex(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
