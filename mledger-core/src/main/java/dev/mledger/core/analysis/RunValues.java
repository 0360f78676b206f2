package dev.mledger.core.analysis;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Reads the latest metric values and the params of a run by key. */
final class RunValues {
  private RunValues() {}

  /** The latest value of {@code key}, or empty when the run never logged it. */
  static OptionalDouble metric(Run run, String key) {
    for (Metric metric : run.data().metrics()) {
      if (metric.key().equals(key)) {
        return OptionalDouble.of(metric.value());
      }
    }
    return OptionalDouble.empty();
  }

  /** The value of param {@code key}, or null when the run has no such param. */
  static String param(Run run, String key) {
    for (Param param : run.data().params()) {
      if (param.key().equals(key)) {
        return param.value();
      }
    }
    return null;
  }

  /** Params by key, sorted. */
  static Map<String, String> params(Run run) {
    Map<String, String> params = new TreeMap<>();
    for (Param param : run.data().params()) {
      params.put(param.key(), param.value());
    }
    return params;
  }

  /** Latest metric values by key, sorted. */
  static Map<String, Double> metrics(Run run) {
    Map<String, Double> metrics = new TreeMap<>();
    for (Metric metric : run.data().metrics()) {
      metrics.put(metric.key(), metric.value());
    }
    return metrics;
  }
}
