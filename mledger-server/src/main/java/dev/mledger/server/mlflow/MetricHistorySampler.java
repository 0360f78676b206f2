package dev.mledger.server.mlflow;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * MLflow's down-sampling for {@code get-history-bulk-interval} ({@code
 * AbstractStore.get_metric_history_bulk_interval}): pick at most {@code maxResults} evenly spaced
 * steps among the steps any of the runs logged inside the interval, always keeping the last one and
 * each run's first and last step, then return every run's points at those steps.
 */
final class MetricHistorySampler {
  /** MLflow's per-run cap on returned points ({@code MAX_RESULTS_GET_METRIC_HISTORY}). */
  static final int MAX_POINTS_PER_RUN = 25_000;

  private MetricHistorySampler() {}

  /**
   * @param runIds the requested runs, in request order (the order of the result)
   * @param history the full history of the metric for those runs
   * @param startStep first step of the interval, or null together with {@code endStep}
   * @param endStep last step of the interval (inclusive), or null
   */
  static List<MetricWithRunId> sample(
      List<String> runIds,
      List<MetricWithRunId> history,
      Long startStep,
      Long endStep,
      int maxResults) {
    Map<String, List<Metric>> byRun = new LinkedHashMap<>();
    for (MetricWithRunId point : history) {
      byRun.computeIfAbsent(point.runId(), k -> new ArrayList<>()).add(point.metric());
    }
    TreeSet<Long> allSteps = new TreeSet<>();
    TreeSet<Long> boundarySteps = new TreeSet<>();
    for (String runId : runIds) {
      List<Metric> points = byRun.getOrDefault(runId, List.of());
      if (points.isEmpty()) {
        continue;
      }
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (Metric point : points) {
        allSteps.add(point.step());
        min = Math.min(min, point.step());
        max = Math.max(max, point.step());
      }
      boundarySteps.add(min);
      boundarySteps.add(max);
    }
    long start = startStep == null ? 0 : startStep;
    long end = endStep == null ? (allSteps.isEmpty() ? 0 : allSteps.last()) : endStep;

    List<Long> inRange = new ArrayList<>(allSteps.subSet(start, true, end, true));
    TreeSet<Long> steps = new TreeSet<>(boundarySteps.subSet(start, true, end, true));
    if (inRange.size() <= maxResults) {
      steps.addAll(inRange);
    } else {
      double interval = (double) inRange.size() / maxResults;
      for (int i = 0; i < maxResults; i++) {
        int index = (int) (i * interval);
        if (index < inRange.size()) {
          steps.add(inRange.get(index));
        }
      }
      steps.add(inRange.get(inRange.size() - 1));
    }

    List<MetricWithRunId> result = new ArrayList<>();
    for (String runId : runIds) {
      List<Metric> selected = new ArrayList<>();
      for (Metric point : byRun.getOrDefault(runId, List.of())) {
        if (steps.contains(point.step())) {
          selected.add(point);
        }
      }
      selected.sort(Comparator.comparingLong(Metric::step).thenComparingLong(Metric::timestamp));
      for (Metric point : selected.subList(0, Math.min(selected.size(), MAX_POINTS_PER_RUN))) {
        result.add(new MetricWithRunId(runId, point));
      }
    }
    return Collections.unmodifiableList(result);
  }
}
