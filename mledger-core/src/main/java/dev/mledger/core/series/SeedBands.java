package dev.mledger.core.series;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.RunGroupStatistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mean ± confidence band of replicate curves (runs of one configuration that differ by seed), step
 * by step, with the statistics of {@link RunGroupStatistics}: the band at a step is the Student-t
 * interval of the mean over the replicates that logged the step. A replicate that logged a step
 * several times counts with its last value there; non-finite values are left out.
 */
public final class SeedBands {
  private SeedBands() {}

  /**
   * The band of {@code replicates}, one point per step any replicate logged, ordered by step.
   *
   * @param replicates one series per run, each ordered by step
   * @param confidence the interval's confidence level, in (0, 1)
   * @throws MledgerException INVALID_PARAMETER_VALUE for a confidence outside (0, 1)
   */
  public static List<BandPoint> of(Collection<List<SeriesPoint>> replicates, double confidence) {
    if (!(confidence > 0.0 && confidence < 1.0)) {
      throw MledgerException.invalidParameter(
          "confidence must be strictly between 0 and 1 (for example 0.95), got "
              + confidence
              + ".");
    }
    Map<Double, List<Double>> valuesByStep = new TreeMap<>();
    for (List<SeriesPoint> replicate : replicates) {
      Map<Double, Double> lastByStep = new TreeMap<>();
      for (SeriesPoint point : replicate) {
        if (Double.isFinite(point.y())) {
          lastByStep.put(point.x(), point.y());
        }
      }
      lastByStep.forEach(
          (step, value) -> valuesByStep.computeIfAbsent(step, s -> new ArrayList<>()).add(value));
    }
    List<BandPoint> band = new ArrayList<>(valuesByStep.size());
    valuesByStep.forEach(
        (step, values) -> {
          if (values.size() < 2) {
            band.add(new BandPoint(step, 1, values.get(0), null, null));
          } else {
            RunGroupStatistics stats = RunGroupStatistics.of(values, confidence);
            band.add(
                new BandPoint(
                    step,
                    stats.n(),
                    stats.mean(),
                    stats.interval().low(),
                    stats.interval().high()));
          }
        });
    return band;
  }

  /**
   * Reduces a band to at most {@code points} steps, chosen by LTTB on the mean curve.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for fewer than two points
   */
  public static List<BandPoint> downsample(List<BandPoint> band, int points) {
    List<SeriesPoint> means = new ArrayList<>(band.size());
    for (BandPoint point : band) {
      means.add(new SeriesPoint(point.x(), point.mean()));
    }
    List<BandPoint> kept = new ArrayList<>();
    for (int index : Lttb.selectIndices(means, points)) {
      kept.add(band.get(index));
    }
    return List.copyOf(kept);
  }
}
