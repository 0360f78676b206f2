package dev.mledger.core.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks one incoming event (already parsed from JSON into maps, lists, numbers, strings, booleans
 * and nulls) against a monitor's schema. A bad row yields a reason instead of an exception so a
 * batch can accept its valid rows and report the others.
 */
public final class EventValidation {

  /** The outcome for one row: exactly one of {@code event} and {@code reason} is set. */
  public record Outcome(MonitorEvent event, String reason) {
    public boolean accepted() {
      return event != null;
    }
  }

  private EventValidation() {}

  /**
   * Validates {@code raw}.
   *
   * @param nowMillis the timestamp given to events that send none
   */
  public static Outcome validate(MonitorDefinition monitor, Object raw, long nowMillis) {
    if (!(raw instanceof Map<?, ?> row)) {
      return reject("an event must be a JSON object");
    }
    for (Object key : row.keySet()) {
      if (!KNOWN_FIELDS.containsKey(String.valueOf(key))) {
        return reject(
            "unknown field '"
                + key
                + "'; an event has features, prediction, label, latency_ms, cost, embedding and"
                + " timestamp");
      }
    }
    long timestamp = nowMillis;
    Object ts = row.get("timestamp");
    if (ts != null) {
      if (!(ts instanceof Number n) || !isWhole(n) || n.longValue() < 0) {
        return reject("timestamp must be a non-negative integer (epoch milliseconds)");
      }
      timestamp = n.longValue();
    }
    if (!(row.get("features") instanceof Map<?, ?> values)) {
      return reject("features must be a JSON object of the monitored columns");
    }
    Map<String, Object> features = new LinkedHashMap<>();
    for (FeatureSpec spec : monitor.features()) {
      if (!values.containsKey(spec.name())) {
        return reject("feature '" + spec.name() + "' is missing (send null for a missing value)");
      }
      Object value = values.get(spec.name());
      String problem = typeProblem(spec.type(), value);
      if (problem != null) {
        return reject("feature '" + spec.name() + "' " + problem);
      }
      features.put(spec.name(), normalize(spec.type(), value));
    }
    Object prediction = row.get("prediction");
    Object label = row.get("label");
    if (monitor.prediction() != null) {
      String problem = typeProblem(monitor.prediction(), prediction);
      if (problem != null) {
        return reject("prediction " + problem);
      }
      problem = typeProblem(monitor.prediction(), label);
      if (problem != null) {
        return reject("label " + problem);
      }
      prediction = normalize(monitor.prediction(), prediction);
      label = normalize(monitor.prediction(), label);
    } else {
      prediction = scalar(prediction);
      label = scalar(label);
    }
    Double latency;
    Double cost;
    try {
      latency = nonNegative(row.get("latency_ms"), "latency_ms");
      cost = nonNegative(row.get("cost"), "cost");
    } catch (IllegalArgumentException e) {
      return reject(e.getMessage());
    }
    Object rawEmbedding = row.get("embedding");
    double[] embedding = null;
    if (rawEmbedding != null) {
      if (monitor.embeddingDimension() == null) {
        return reject(
            "this monitor takes no embeddings (create it with 'embedding_dimension' to monitor"
                + " them)");
      }
      if (!(rawEmbedding instanceof java.util.List<?> vector)) {
        return reject("embedding must be an array of numbers, got " + describe(rawEmbedding));
      }
      if (vector.size() != monitor.embeddingDimension()) {
        return reject(
            "embedding has "
                + vector.size()
                + " values; this monitor's embeddings have "
                + monitor.embeddingDimension());
      }
      embedding = new double[vector.size()];
      for (int i = 0; i < embedding.length; i++) {
        if (!(vector.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          return reject("embedding[" + i + "] must be a finite number");
        }
        embedding[i] = n.doubleValue();
      }
    }
    return new Outcome(
        new MonitorEvent(timestamp, features, prediction, label, latency, cost, embedding), null);
  }

  private static final Map<String, Boolean> KNOWN_FIELDS =
      Map.of(
          "features", true,
          "prediction", true,
          "label", true,
          "latency_ms", true,
          "cost", true,
          "embedding", true,
          "timestamp", true);

  private static Outcome reject(String reason) {
    return new Outcome(null, reason);
  }

  private static boolean isWhole(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof java.math.BigInteger
        ? true
        : n.doubleValue() == Math.rint(n.doubleValue());
  }

  private static String typeProblem(FeatureType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case NUMERIC -> {
        if (!(value instanceof Number n)) {
          yield "must be a number or null, got " + describe(value);
        }
        yield Double.isFinite(n.doubleValue()) ? null : "must be finite";
      }
      case CATEGORICAL ->
          value instanceof String || value instanceof Number || value instanceof Boolean
              ? null
              : "must be a string, number, boolean or null, got " + describe(value);
    };
  }

  private static Object normalize(FeatureType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case NUMERIC -> ((Number) value).doubleValue();
      case CATEGORICAL -> categoryOf(value);
    };
  }

  /** Categories compare as text; whole numbers lose a trailing {@code .0} so 1 and 1.0 agree. */
  static String categoryOf(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  private static Object scalar(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return value == null ? null : categoryOf(value);
  }

  private static Double nonNegative(Object value, String field) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)
        || !(n.doubleValue() >= 0)
        || Double.isInfinite(n.doubleValue())) {
      throw new IllegalArgumentException(field + " must be a non-negative number");
    }
    return n.doubleValue();
  }

  private static String describe(Object value) {
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof java.util.List<?>) {
      return "an array";
    }
    return value instanceof String s ? "the string \"" + s + "\"" : String.valueOf(value);
  }
}
