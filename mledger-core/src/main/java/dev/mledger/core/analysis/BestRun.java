package dev.mledger.core.analysis;

import dev.mledger.core.tracking.Run;
import java.util.List;

/**
 * The outcome of a best-run selection.
 *
 * @param metricKey the metric that was optimized
 * @param direction whether larger or smaller was better
 * @param best the winning run: among tied runs, the one that started first (then the smallest run
 *     id), i.e. the run that reached the value first
 * @param value the winning run's latest value of the metric
 * @param tiedWith the other runs with exactly the same value, in the same order
 * @param candidates how many runs had a finite value of the metric and took part
 * @param skipped how many runs were left out: the metric is missing, NaN or infinite
 */
public record BestRun(
    String metricKey,
    Direction direction,
    Run best,
    double value,
    List<Run> tiedWith,
    int candidates,
    int skipped) {

  public BestRun {
    tiedWith = List.copyOf(tiedWith);
  }

  /** Whether other runs share the best value. */
  public boolean isTie() {
    return !tiedWith.isEmpty();
  }
}
