package dev.mledger.core.stats;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, 2014), spelled out here rather than borrowed
 * from the JDK so that a seed reproduces the same bootstrap resamples on every JVM and in the
 * Python oracle that mirrors it.
 */
final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A uniform index in {@code [0, bound)}: the top 63 bits modulo {@code bound}, redrawn when they
   * fall in the incomplete last block so that no index is favoured.
   */
  int nextIndex(int bound) {
    long draw;
    long candidate;
    do {
      draw = nextLong() >>> 1;
      candidate = draw % bound;
    } while (draw - candidate + (bound - 1) < 0);
    return (int) candidate;
  }
}
