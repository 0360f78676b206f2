package dev.mledger.core.analysis;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Picks the run with the best latest value of one metric. The direction is always explicit (see
 * {@link Direction}); runs without a finite value (missing, NaN, ±Infinity, typically a diverged
 * training) are never best and are counted as skipped. Exact ties are reported, not hidden.
 */
public final class BestRunSelector {
  private static final Comparator<Run> FIRST_STARTED =
      Comparator.<Run>comparingLong(run -> run.info().startTime())
          .thenComparing(run -> run.info().runId());

  private BestRunSelector() {}

  /**
   * Selects the best of {@code runs} by {@code metricKey}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for a blank metric key or no runs; and
   *     RESOURCE_DOES_NOT_EXIST when no run has a finite value of the metric
   */
  public static BestRun select(Collection<Run> runs, String metricKey, Direction direction) {
    if (metricKey == null || metricKey.isBlank()) {
      throw MledgerException.invalidParameter("A metric key is needed to select the best run.");
    }
    if (direction == null) {
      throw MledgerException.invalidParameter("A direction (max or min) is needed.");
    }
    if (runs == null || runs.isEmpty()) {
      throw MledgerException.notFound("No runs to choose from: the search matched no run.");
    }
    List<Run> leaders = new ArrayList<>();
    double bestValue = Double.NaN;
    int candidates = 0;
    for (Run run : runs) {
      OptionalDouble value = RunValues.metric(run, metricKey);
      if (value.isEmpty() || !Double.isFinite(value.getAsDouble())) {
        continue;
      }
      candidates++;
      double v = value.getAsDouble();
      if (leaders.isEmpty() || direction.isBetter(v, bestValue)) {
        leaders.clear();
        leaders.add(run);
        bestValue = v;
      } else if (v == bestValue) {
        leaders.add(run);
      }
    }
    if (leaders.isEmpty()) {
      throw MledgerException.notFound(
          "No run among the "
              + runs.size()
              + " searched has a finite value of metric '"
              + metricKey
              + "'.");
    }
    leaders.sort(FIRST_STARTED);
    return new BestRun(
        metricKey,
        direction,
        leaders.get(0),
        bestValue,
        leaders.subList(1, leaders.size()),
        candidates,
        runs.size() - candidates);
  }
}
