package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Threshold tuning from labelled history: past windows' values of a statistic, each marked as a
 * real incident or not. For each candidate τ the rates an alert rule at τ would have had.
 */
public final class ThresholdTuning {

  /** One past window: the statistic's value and whether it was a real incident. */
  public record LabelledWindow(double value, boolean incident) {}

  /**
   * The confusion counts at one threshold. False-positive rate = FP / (FP + TN) (alarms among quiet
   * windows); false-negative rate = FN / (FN + TP) (incidents missed).
   */
  public record Point(
      double threshold,
      int truePositives,
      int falsePositives,
      int trueNegatives,
      int falseNegatives) {
    public double falsePositiveRate() {
      int quiet = falsePositives + trueNegatives;
      return quiet == 0 ? 0 : (double) falsePositives / quiet;
    }

    public double falseNegativeRate() {
      int incidents = falseNegatives + truePositives;
      return incidents == 0 ? 0 : (double) falseNegatives / incidents;
    }
  }

  private ThresholdTuning() {}

  /**
   * The confusion counts at every distinct observed value used as τ (plus any {@code extra}
   * candidates), sorted from the most to the least sensitive threshold.
   */
  public static List<Point> sweep(
      Statistic statistic, List<LabelledWindow> history, double... extra) {
    if (history.isEmpty()) {
      throw MledgerException.invalidParameter(
          "Threshold tuning needs at least one labelled window.");
    }
    TreeSet<Double> candidates = new TreeSet<>();
    for (LabelledWindow w : history) {
      if (!Double.isFinite(w.value())) {
        throw MledgerException.invalidParameter("Labelled window values must be finite.");
      }
      candidates.add(w.value());
    }
    for (double e : extra) {
      candidates.add(e);
    }
    List<Point> points = new ArrayList<>();
    Iterable<Double> order = statistic.higherIsWorse() ? candidates : candidates.descendingSet();
    for (double tau : order) {
      points.add(at(statistic, history, tau));
    }
    return points;
  }

  /** The confusion counts of a rule at {@code threshold}. */
  public static Point at(Statistic statistic, List<LabelledWindow> history, double threshold) {
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (LabelledWindow w : history) {
      boolean alarm = statistic.breaches(w.value(), threshold);
      if (alarm && w.incident()) {
        tp++;
      } else if (alarm) {
        fp++;
      } else if (w.incident()) {
        fn++;
      } else {
        tn++;
      }
    }
    return new Point(threshold, tp, fp, tn, fn);
  }

  /**
   * The threshold with the fewest false positives among those missing at most {@code maxFnRate} of
   * the incidents (ties: the least sensitive one); empty when none qualifies.
   */
  public static java.util.Optional<Point> recommend(List<Point> sweep, double maxFnRate) {
    Point best = null;
    for (Point p : sweep) {
      if (p.falseNegativeRate() <= maxFnRate
          && (best == null || p.falsePositives() <= best.falsePositives())) {
        best = p;
      }
    }
    return java.util.Optional.ofNullable(best);
  }
}
