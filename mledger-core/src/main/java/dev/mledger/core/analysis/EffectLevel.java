package dev.mledger.core.analysis;

import dev.mledger.core.stats.RunGroupStatistics;
import java.util.List;

/**
 * One value of the analysed param, with the metric aggregated over its runs.
 *
 * @param value the param value
 * @param runIds the runs with this value and a finite metric
 * @param mean the mean of the metric over those runs
 * @param statistics standard deviation, standard error and Student-t interval of the metric; null
 *     when the level has a single run
 * @param runGroups the runs of this level grouped by configuration (differing only by seed); one
 *     group unless other params vary
 */
public record EffectLevel(
    String value,
    List<String> runIds,
    double mean,
    RunGroupStatistics statistics,
    List<RunGroup> runGroups) {

  public EffectLevel {
    runIds = List.copyOf(runIds);
    runGroups = List.copyOf(runGroups);
  }

  /** How many runs the level has. */
  public int n() {
    return runIds.size();
  }
}
