package dev.mledger.core.monitor;

import java.util.Map;

/**
 * One production prediction as the monitor stores it. Feature values are {@link Double} for numeric
 * features, {@link String} for categorical ones, or {@code null} when missing.
 *
 * @param timestamp event time, epoch milliseconds
 * @param features the monitored features' values (every monitored feature is a key)
 * @param prediction the prediction ({@code Double} or {@code String}), or {@code null}
 * @param label the ground truth when already known, or {@code null}
 * @param latencyMs serving latency in milliseconds, or {@code null}
 * @param cost the cost of the prediction, or {@code null}
 * @param embedding the input's (or output's) embedding vector, or {@code null}
 */
public record MonitorEvent(
    long timestamp,
    Map<String, Object> features,
    Object prediction,
    Object label,
    Double latencyMs,
    Double cost,
    double[] embedding) {

  public MonitorEvent {
    // Values may be null (missing), so Map.copyOf cannot be used.
    features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features));
  }

  /** An event without an embedding. */
  public MonitorEvent(
      long timestamp,
      Map<String, Object> features,
      Object prediction,
      Object label,
      Double latencyMs,
      Double cost) {
    this(timestamp, features, prediction, label, latencyMs, cost, null);
  }
}
