package dev.mledger.client;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import java.util.List;

/** One log-batch request's worth of data for one run, within {@link BatchLimits}. */
record Batch(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
  Batch {
    metrics = List.copyOf(metrics);
    params = List.copyOf(params);
    tags = List.copyOf(tags);
  }

  int size() {
    return metrics.size() + params.size() + tags.size();
  }
}
