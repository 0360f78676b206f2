package dev.mledger.core.tracking;

import java.util.List;

/** What was logged to a run: latest value per metric key, params and tags. */
public record RunData(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
  public RunData {
    metrics = List.copyOf(metrics);
    params = List.copyOf(params);
    tags = List.copyOf(tags);
  }

  public static RunData empty() {
    return new RunData(List.of(), List.of(), List.of());
  }
}
