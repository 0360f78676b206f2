package dev.mledger.core.stats;

import static dev.mledger.core.stats.InvalidInput.assertRejected;
import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class BootstrapTest {

  @TestFactory
  Stream<DynamicTest> splitMixMatchesThePythonMirror() {
    return ScipyFixtures.load("/dev/mledger/core/stats/bootstrap.txt", "splitmix").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      SplitMix64 random = new SplitMix64(c.longValue("seed"));
                      for (long expected : c.longs("longs")) {
                        assertThat(random.nextLong()).isEqualTo(expected);
                      }
                      long[] bounds = c.longs("bounds");
                      long[] indices = c.longs("indices");
                      for (int i = 0; i < bounds.length; i++) {
                        assertThat(random.nextIndex((int) bounds[i])).isEqualTo(indices[i]);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> intervalsMatchScipyBootstrap() {
    return ScipyFixtures.load("/dev/mledger/core/stats/bootstrap.txt", "bootstrap").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      BootstrapSettings settings =
                          new BootstrapSettings(
                              c.integer("resamples"), c.longValue("seed"), c.number("confidence"));
                      BootstrapResult result =
                          Bootstrap.interval(
                              c.numbers("values"),
                              statistic(c.text("statistic")),
                              BootstrapMethod.valueOf(c.text("method")),
                              settings);
                      assertMatches("estimate", result.estimate(), c.number("estimate"));
                      assertMatches("ci_low", result.interval().low(), c.number("ci_low"));
                      assertMatches("ci_high", result.interval().high(), c.number("ci_high"));
                      assertMatches(
                          "standard_error", result.standardError(), c.number("standard_error"));
                      assertThat(result.settings()).isEqualTo(settings);
                    }));
  }

  private static ToDoubleFunction<double[]> statistic(String name) {
    return switch (name) {
      case "mean" -> Descriptive::mean;
      case "median" -> BootstrapTest::median;
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  @Test
  void sameSeedReproducesTheIntervalAndAnotherSeedMovesIt() {
    double[] values = {0.71, 0.73, 0.69, 0.74, 0.72, 0.70, 0.75};
    BootstrapSettings settings = BootstrapSettings.withSeed(11).withResamples(1000);
    BootstrapResult first = Bootstrap.meanInterval(values, BootstrapMethod.BCA, settings);
    BootstrapResult again = Bootstrap.meanInterval(values, BootstrapMethod.BCA, settings);
    assertThat(again).isEqualTo(first);
    BootstrapResult otherSeed =
        Bootstrap.meanInterval(values, BootstrapMethod.BCA, BootstrapSettings.withSeed(12));
    assertThat(otherSeed.interval()).isNotEqualTo(first.interval());
  }

  @Test
  void doesNotModifyTheCallersArray() {
    double[] values = {3.0, 1.0, 2.0, 5.0};
    Bootstrap.interval(
        values,
        v -> {
          Arrays.sort(v);
          return v[0];
        },
        BootstrapMethod.BCA,
        BootstrapSettings.withSeed(1).withResamples(200));
    assertThat(values).containsExactly(3.0, 1.0, 2.0, 5.0);
  }

  @Test
  void defaultsAreScipys() {
    BootstrapSettings settings = BootstrapSettings.withSeed(5);
    assertThat(settings.resamples()).isEqualTo(9999);
    assertThat(settings.confidence()).isEqualTo(0.95);
    assertThat(settings.seed()).isEqualTo(5);
  }

  @Test
  void constantSampleGivesPointPercentileAndNaNBcaInterval() {
    double[] values = {0.5, 0.5, 0.5};
    BootstrapSettings settings = BootstrapSettings.withSeed(1).withResamples(100);
    ConfidenceInterval percentile =
        Bootstrap.meanInterval(values, BootstrapMethod.PERCENTILE, settings).interval();
    assertThat(percentile.low()).isEqualTo(0.5);
    assertThat(percentile.high()).isEqualTo(0.5);
    ConfidenceInterval bca =
        Bootstrap.meanInterval(values, BootstrapMethod.BCA, settings).interval();
    assertThat(bca.low()).isNaN();
    assertThat(bca.high()).isNaN();
  }

  @Test
  void quantileInterpolatesLinearlyBetweenOrderStatistics() {
    double[] sorted = {1.0, 2.0, 4.0, 8.0};
    assertThat(Bootstrap.quantile(sorted, 0.0)).isEqualTo(1.0);
    assertThat(Bootstrap.quantile(sorted, 1.0)).isEqualTo(8.0);
    assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3.0);
    assertThat(Bootstrap.quantile(sorted, Double.NaN)).isNaN();
  }

  @Test
  void rejectsBadInput() {
    assertRejected(
        () -> new BootstrapSettings(10, 1, 0.95),
        "at least 100 resamples for a meaningful interval, got 10");
    assertRejected(() -> new BootstrapSettings(1000, 1, 1.0), "confidence must be");
    assertRejected(
        () ->
            Bootstrap.meanInterval(
                new double[] {1.0}, BootstrapMethod.BCA, BootstrapSettings.withSeed(1)),
        "must have at least 2 values");
    assertRejected(
        () ->
            Bootstrap.meanInterval(
                new double[] {1.0, Double.NaN}, BootstrapMethod.BCA, BootstrapSettings.withSeed(1)),
        "value #2 is NaN");
    assertRejected(
        () -> Bootstrap.meanInterval(new double[] {1.0, 2.0}, BootstrapMethod.BCA, null),
        "settings must be provided");
  }
}
