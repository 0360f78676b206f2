package dev.mledger.core.stats;

import static dev.mledger.core.stats.InvalidInput.assertRejected;
import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RunGroupStatisticsTest {

  @TestFactory
  Stream<DynamicTest> matchesScipyForEveryFixtureSample() {
    return ScipyFixtures.load("/dev/mledger/core/stats/descriptive.txt", "descriptive").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      List<Double> values = Arrays.stream(c.numbers("values")).boxed().toList();
                      RunGroupStatistics group =
                          RunGroupStatistics.of(values, c.number("confidence"));
                      assertThat(group.n()).isEqualTo(values.size());
                      assertMatches("mean", group.mean(), c.number("mean"));
                      assertMatches("std", group.standardDeviation(), c.number("std"));
                      assertMatches("se", group.standardError(), c.number("se"));
                      assertMatches("ci_low", group.interval().low(), c.number("ci_low"));
                      assertMatches("ci_high", group.interval().high(), c.number("ci_high"));
                    }));
  }

  @Test
  void fiveSeedsOfOneConfig() {
    RunGroupStatistics group = RunGroupStatistics.of(List.of(0.71, 0.73, 0.69, 0.74, 0.72));
    assertThat(group.n()).isEqualTo(5);
    assertThat(group.mean()).isCloseTo(0.718, within(1e-12));
    assertThat(group.interval().confidence()).isEqualTo(0.95);
    assertThat(group.interval().contains(group.mean())).isTrue();
  }

  @Test
  void acceptsAnyNumberType() {
    RunGroupStatistics fromIntegers = RunGroupStatistics.of(List.of(1, 2, 3));
    RunGroupStatistics fromDoubles = RunGroupStatistics.of(new double[] {1, 2, 3}, 0.95);
    assertThat(fromIntegers).isEqualTo(fromDoubles);
  }

  @Test
  void identicalRunsHaveAZeroWidthInterval() {
    RunGroupStatistics group = RunGroupStatistics.of(List.of(0.9, 0.9, 0.9));
    assertThat(group.standardDeviation()).isZero();
    assertThat(group.interval().width()).isZero();
  }

  @Test
  void rejectsBadInput() {
    assertRejected(
        () -> RunGroupStatistics.of(List.of(0.5)), "run values must have at least 2 values, got 1");
    assertRejected(() -> RunGroupStatistics.of(Arrays.asList(0.5, null, 0.7)), "value #2 is null");
    assertRejected(() -> RunGroupStatistics.of(List.of(0.5, Double.NaN)), "value #2 is NaN");
    assertRejected(() -> RunGroupStatistics.of(List.of(0.5, 0.6), 0.0), "confidence must be");
    assertRejected(() -> RunGroupStatistics.of((List<Double>) null), "must be provided");
  }
}
