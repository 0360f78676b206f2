package dev.mledger.core.monitor;

/**
 * Serving latency of a window in milliseconds; quantiles are nearest-rank over the exact values.
 *
 * @param count events that reported a latency
 */
public record LatencySummary(
    long count, double mean, double p50, double p95, double p99, double max) {

  static LatencySummary of(double[] values) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new LatencySummary(
        sorted.length,
        sum / sorted.length,
        nearestRank(sorted, 0.50),
        nearestRank(sorted, 0.95),
        nearestRank(sorted, 0.99),
        sorted[sorted.length - 1]);
  }

  private static double nearestRank(double[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
