package dev.mledger.core.analysis;

import dev.mledger.core.stats.RunGroupStatistics;
import java.util.List;
import java.util.Map;

/**
 * Runs that share every param except their seed: replicates of one configuration.
 *
 * @param config the shared params (seed params left out), sorted by key
 * @param runIds the runs of the group
 * @param mean the mean of the metric over the group
 * @param statistics spread and Student-t interval of the metric; null for a single run, where no
 *     spread can be estimated
 */
public record RunGroup(
    Map<String, String> config, List<String> runIds, double mean, RunGroupStatistics statistics) {

  public RunGroup {
    config = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config));
    runIds = List.copyOf(runIds);
  }

  /** How many runs the group has. */
  public int n() {
    return runIds.size();
  }
}
