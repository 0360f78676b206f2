package dev.mledger.core.monitor;

import java.util.List;

/**
 * The report of one window of events against the reference.
 *
 * @param windowStart first event time covered (epoch millis; the bucket start for time windows)
 * @param windowEnd last event time covered (exclusive bucket end for time windows)
 * @param rows events in the window
 * @param features one report per monitored feature, in schema order
 * @param prediction the prediction column's report, or {@code null} when predictions are not
 *     monitored
 * @param performance performance over labelled events, or {@code null} when none is labelled
 * @param latency serving latency, or {@code null} when no event reported one
 * @param totalCost summed cost of the events that reported one
 * @param embedding embedding drift, or {@code null} when the monitor takes no embeddings or either
 *     side has fewer than two
 */
public record WindowReport(
    long windowStart,
    long windowEnd,
    long rows,
    List<FeatureReport> features,
    FeatureReport prediction,
    Performance performance,
    LatencySummary latency,
    double totalCost,
    EmbeddingReport embedding) {

  /** A report without embedding drift. */
  public WindowReport(
      long windowStart,
      long windowEnd,
      long rows,
      List<FeatureReport> features,
      FeatureReport prediction,
      Performance performance,
      LatencySummary latency,
      double totalCost) {
    this(windowStart, windowEnd, rows, features, prediction, performance, latency, totalCost, null);
  }

  public WindowReport {
    features = List.copyOf(features);
  }

  /** How many features drifted. */
  public int driftedFeatures() {
    return (int) features.stream().filter(FeatureReport::drifted).count();
  }

  /** The share of drifted features. */
  public double driftShare() {
    return features.isEmpty() ? 0 : (double) driftedFeatures() / features.size();
  }
}
