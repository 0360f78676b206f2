package dev.mledger.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StatsProperties {

  @Property
  void studentIntervalContainsTheMeanAndWidensWithConfidence(
      @ForAll @Size(min = 2, max = 40) List<@DoubleRange(min = -1e3, max = 1e3) Double> values,
      @ForAll @DoubleRange(min = 0.5, max = 0.98) double confidence) {
    double[] x = toArray(values);
    double mean = Descriptive.mean(x);
    ConfidenceInterval narrow = StudentTInterval.forMean(x, confidence);
    ConfidenceInterval wide = StudentTInterval.forMean(x, 0.99);
    assertThat(narrow.low()).isLessThanOrEqualTo(mean);
    assertThat(narrow.high()).isGreaterThanOrEqualTo(mean);
    assertThat(wide.width()).isGreaterThanOrEqualTo(narrow.width());
  }

  @Property
  void pairedTestIsAntisymmetricAndItsIntervalsContainTheDelta(
      @ForAll @Size(min = 2, max = 30) List<@DoubleRange(min = 0, max = 1) Double> first,
      @ForAll long seed) {
    double[] a = toArray(first);
    double[] b = shiftedNoise(a, seed);
    for (Alternative alternative : Alternative.values()) {
      TTestResult result = PairedTTest.test(a, b, alternative, 0.95);
      assertThat(result.interval().contains(result.meanDelta())).isTrue();
      assertProbability(result.pValue());
    }
    TTestResult forward = PairedTTest.test(a, b);
    TTestResult backward = PairedTTest.test(b, a);
    assertThat(backward.meanDelta()).isCloseTo(-forward.meanDelta(), within(1e-12));
    assertThat(backward.pValue()).isCloseTo(forward.pValue(), within(1e-9));
  }

  @Property
  void welchPValuesAreProbabilitiesAndDegreesOfFreedomAreBounded(
      @ForAll @Size(min = 2, max = 30) List<@DoubleRange(min = -5, max = 5) Double> first,
      @ForAll @Size(min = 2, max = 30) List<@DoubleRange(min = -5, max = 5) Double> second) {
    double[] a = toArray(first);
    double[] b = toArray(second);
    for (Alternative alternative : Alternative.values()) {
      TTestResult result = WelchTTest.test(a, b, alternative, 0.9);
      assertProbability(result.pValue());
      // Welch–Satterthwaite df lies between min(n)−1 and n_a + n_b − 2 (or is 1 by convention).
      if (result.standardError() > 0) {
        assertThat(result.degreesOfFreedom())
            .isGreaterThanOrEqualTo(Math.min(a.length, b.length) - 1 - 1e-9)
            .isLessThanOrEqualTo(a.length + b.length - 2 + 1e-9);
      }
    }
  }

  @Property
  void wilcoxonTwoSidedIsTwiceTheSmallerTail(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -6, max = 6) Integer> steps) {
    // Small integer steps produce plenty of ties and zeros.
    double[] d = steps.stream().mapToDouble(s -> s * 0.01).toArray();
    WilcoxonOptions options = WilcoxonOptions.defaults();
    double twoSided = WilcoxonSignedRankTest.testDifferences(d, options).pValue();
    double less =
        WilcoxonSignedRankTest.testDifferences(d, options.withAlternative(Alternative.LESS))
            .pValue();
    double greater =
        WilcoxonSignedRankTest.testDifferences(d, options.withAlternative(Alternative.GREATER))
            .pValue();
    if (Double.isNaN(twoSided)) {
      assertThat(Arrays.stream(d).allMatch(v -> v == 0.0)).isTrue();
      return;
    }
    assertProbability(twoSided);
    assertProbability(less);
    assertProbability(greater);
    assertThat(twoSided).isCloseTo(Math.min(1.0, 2.0 * Math.min(less, greater)), within(1e-12));
  }

  @Property
  void correctionsNeverLowerAPValueAndStayBelowOne(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1) Double> raw) {
    double[] p = toArray(raw);
    MultipleTestResult holm = MultipleTestCorrection.adjust(p, AdjustmentMethod.HOLM);
    MultipleTestResult bh = MultipleTestCorrection.adjust(p, AdjustmentMethod.BENJAMINI_HOCHBERG);
    MultipleTestResult bonferroni = MultipleTestCorrection.adjust(p, AdjustmentMethod.BONFERRONI);
    for (int i = 0; i < p.length; i++) {
      double h = holm.adjustedPValues()[i];
      double f = bh.adjustedPValues()[i];
      double b = bonferroni.adjustedPValues()[i];
      assertThat(f).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(1.0);
      assertThat(h).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(1.0);
      // Benjamini–Hochberg ≤ Holm ≤ Bonferroni (up to rounding of the products).
      assertThat(f).isLessThanOrEqualTo(h * (1 + 1e-12));
      assertThat(h).isLessThanOrEqualTo(b * (1 + 1e-12));
    }
  }

  @Property
  void adjustedPValuesAreMonotoneInTheSortedOrderAndRejectionsArePrefixes(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 0.2) Double> raw,
      @ForAll @DoubleRange(min = 0.01, max = 0.2) double alpha) {
    double[] p = toArray(raw);
    Integer[] order = sortedOrder(p);
    for (AdjustmentMethod method : AdjustmentMethod.values()) {
      MultipleTestResult result = MultipleTestCorrection.adjust(p, method, alpha);
      for (int k = 1; k < order.length; k++) {
        AdjustedPValue previous = result.results().get(order[k - 1]);
        AdjustedPValue current = result.results().get(order[k]);
        assertThat(current.adjusted()).isGreaterThanOrEqualTo(previous.adjusted());
        if (current.rejected()) {
          assertThat(previous.rejected()).as("%s rejects a larger p only", method).isTrue();
        }
      }
    }
  }

  @Property
  void correctionsDoNotDependOnInputOrder(
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 0.1) Double> raw,
      @ForAll long seed) {
    // Coarse values make ties common, exercising the tie-ordering argument in the implementation.
    List<Double> rounded = new ArrayList<>();
    for (double value : raw) {
      rounded.add(Math.round(value * 100) / 100.0);
    }
    List<Double> shuffled = new ArrayList<>(rounded);
    Collections.shuffle(shuffled, new Random(seed));
    for (AdjustmentMethod method : AdjustmentMethod.values()) {
      MultipleTestResult original = MultipleTestCorrection.adjust(toArray(rounded), method);
      MultipleTestResult permuted = MultipleTestCorrection.adjust(toArray(shuffled), method);
      assertThat(sortedResults(permuted)).isEqualTo(sortedResults(original));
    }
  }

  @Property(tries = 40)
  void bootstrapIntervalsAreOrderedAndPercentileStaysWithinTheData(
      @ForAll @Size(min = 2, max = 25) List<@DoubleRange(min = -10, max = 10) Double> values,
      @ForAll long seed) {
    double[] x = toArray(values);
    BootstrapSettings settings = new BootstrapSettings(300, seed, 0.9);
    BootstrapResult percentile = Bootstrap.meanInterval(x, BootstrapMethod.PERCENTILE, settings);
    double min = Arrays.stream(x).min().orElseThrow();
    double max = Arrays.stream(x).max().orElseThrow();
    assertThat(percentile.interval().low()).isGreaterThanOrEqualTo(min);
    assertThat(percentile.interval().high()).isLessThanOrEqualTo(max);
    assertThat(percentile.interval().low()).isLessThanOrEqualTo(percentile.interval().high());
    BootstrapResult bca = Bootstrap.meanInterval(x, BootstrapMethod.BCA, settings);
    if (!Double.isNaN(bca.interval().low())) {
      assertThat(bca.interval().low()).isLessThanOrEqualTo(bca.interval().high());
    }
  }

  @Property
  void splitMixIndicesStayInBounds(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int bound) {
    SplitMix64 random = new SplitMix64(seed);
    for (int i = 0; i < 20; i++) {
      assertThat(random.nextIndex(bound)).isBetween(0, bound - 1);
    }
  }

  private static void assertProbability(double p) {
    assertThat(p).isBetween(0.0, 1.0);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] shiftedNoise(double[] a, long seed) {
    Random random = new Random(seed);
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] + random.nextGaussian() * 0.05 - 0.01;
    }
    return b;
  }

  private static Integer[] sortedOrder(double[] p) {
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < p.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(p[i], p[j]));
    return order;
  }

  private static List<AdjustedPValue> sortedResults(MultipleTestResult result) {
    List<AdjustedPValue> sorted = new ArrayList<>(result.results());
    sorted.sort(
        (x, y) ->
            x.raw() != y.raw()
                ? Double.compare(x.raw(), y.raw())
                : Boolean.compare(x.rejected(), y.rejected()));
    return sorted;
  }
}
