package dev.mledger.core.stats;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Comparison of two configurations {@code a} and {@code b} over runs paired by seed: {@code Δ =
 * m(a) − m(b)} per seed, with a paired t-test (mean Δ, its SE and confidence interval) and a
 * Wilcoxon signed-rank test on the same differences. Seeds present in only one configuration are
 * left out of every statistic and reported.
 *
 * @param pairedSeeds seeds present in both configurations, in {@linkplain #SEED_ORDER seed order}
 * @param seedsOnlyInA seeds of {@code a} without a counterpart in {@code b}
 * @param seedsOnlyInB seeds of {@code b} without a counterpart in {@code a}
 * @param a statistics of {@code a} over the paired seeds
 * @param b statistics of {@code b} over the paired seeds
 * @param pairedT paired t-test of {@code a − b}
 * @param wilcoxon Wilcoxon signed-rank test of {@code a − b} with scipy's defaults
 */
public record PairedComparison(
    List<String> pairedSeeds,
    List<String> seedsOnlyInA,
    List<String> seedsOnlyInB,
    RunGroupStatistics a,
    RunGroupStatistics b,
    TTestResult pairedT,
    WilcoxonResult wilcoxon) {

  /**
   * Seeds that are integers sort numerically (so {@code "2"} precedes {@code "10"}) and before any
   * other seed; other seeds sort by their text.
   */
  public static final Comparator<String> SEED_ORDER = PairedComparison::compareSeeds;

  public PairedComparison {
    pairedSeeds = List.copyOf(pairedSeeds);
    seedsOnlyInA = List.copyOf(seedsOnlyInA);
    seedsOnlyInB = List.copyOf(seedsOnlyInB);
  }

  /** Two-sided comparison with 95% intervals. */
  public static PairedComparison of(
      Map<String, ? extends Number> valuesBySeedA, Map<String, ? extends Number> valuesBySeedB) {
    return of(
        valuesBySeedA, valuesBySeedB, Alternative.TWO_SIDED, StudentTInterval.DEFAULT_CONFIDENCE);
  }

  /**
   * Compares the metric values of {@code a} and {@code b}, keyed by seed.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE when fewer than two seeds are shared, a value
   *     is missing, NaN or infinite, or the confidence lies outside {@code (0, 1)}
   */
  public static PairedComparison of(
      Map<String, ? extends Number> valuesBySeedA,
      Map<String, ? extends Number> valuesBySeedB,
      Alternative alternative,
      double confidence) {
    StatsArguments.requireNonNull("alternative", alternative);
    StatsArguments.requireConfidence(confidence);
    requireValues("a", valuesBySeedA);
    requireValues("b", valuesBySeedB);

    List<String> paired = new ArrayList<>();
    List<String> onlyInA = new ArrayList<>();
    for (String seed : sortedSeeds(valuesBySeedA)) {
      (valuesBySeedB.containsKey(seed) ? paired : onlyInA).add(seed);
    }
    List<String> onlyInB = new ArrayList<>();
    for (String seed : sortedSeeds(valuesBySeedB)) {
      if (!valuesBySeedA.containsKey(seed)) {
        onlyInB.add(seed);
      }
    }
    if (paired.size() < 2) {
      throw MledgerException.invalidParameter(
          "A paired comparison needs at least 2 seeds present in both configurations, found "
              + paired.size()
              + " "
              + paired
              + "; seeds only in a: "
              + onlyInA
              + ", only in b: "
              + onlyInB
              + ".");
    }

    double[] a = new double[paired.size()];
    double[] b = new double[paired.size()];
    for (int i = 0; i < paired.size(); i++) {
      a[i] = valuesBySeedA.get(paired.get(i)).doubleValue();
      b[i] = valuesBySeedB.get(paired.get(i)).doubleValue();
    }
    return new PairedComparison(
        paired,
        onlyInA,
        onlyInB,
        RunGroupStatistics.of(a, confidence),
        RunGroupStatistics.of(b, confidence),
        PairedTTest.test(a, b, alternative, confidence),
        WilcoxonSignedRankTest.test(a, b, WilcoxonOptions.defaults().withAlternative(alternative)));
  }

  /** {@code Δ = mean(a − b)} over the paired seeds. */
  public double meanDelta() {
    return pairedT.meanDelta();
  }

  /** Student-t confidence interval of {@code Δ}. */
  public ConfidenceInterval deltaInterval() {
    return pairedT.interval();
  }

  private static void requireValues(String config, Map<String, ? extends Number> valuesBySeed) {
    if (valuesBySeed == null) {
      throw MledgerException.invalidParameter(
          "Values of configuration " + config + " must be provided.");
    }
    for (Map.Entry<String, ? extends Number> entry : valuesBySeed.entrySet()) {
      if (entry.getKey() == null) {
        throw MledgerException.invalidParameter(
            "Configuration " + config + " has a run without a seed.");
      }
      Number value = entry.getValue();
      if (value == null || !Double.isFinite(value.doubleValue())) {
        throw MledgerException.invalidParameter(
            "Configuration "
                + config
                + " has no finite metric value for seed '"
                + entry.getKey()
                + "' (got "
                + value
                + ").");
      }
    }
  }

  private static TreeSet<String> sortedSeeds(Map<String, ? extends Number> valuesBySeed) {
    TreeSet<String> seeds = new TreeSet<>(SEED_ORDER);
    seeds.addAll(valuesBySeed.keySet());
    return seeds;
  }

  private static int compareSeeds(String left, String right) {
    Long leftNumber = parseInteger(left);
    Long rightNumber = parseInteger(right);
    if (leftNumber != null && rightNumber != null) {
      int byNumber = Long.compare(leftNumber, rightNumber);
      return byNumber != 0 ? byNumber : left.compareTo(right);
    }
    if (leftNumber != null) {
      return -1;
    }
    if (rightNumber != null) {
      return 1;
    }
    return left.compareTo(right);
  }

  private static Long parseInteger(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
