package dev.mledger.core.stats;

import static dev.mledger.core.stats.InvalidInput.assertRejected;
import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DescriptiveTest {

  @TestFactory
  Stream<DynamicTest> matchesScipy() {
    return ScipyFixtures.load("/dev/mledger/core/stats/descriptive.txt", "descriptive").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      double[] values = c.numbers("values");
                      double confidence = c.number("confidence");
                      assertMatches("mean", Descriptive.mean(values), c.number("mean"));
                      assertMatches("variance", Descriptive.variance(values), c.number("variance"));
                      assertMatches("std", Descriptive.standardDeviation(values), c.number("std"));
                      assertMatches("se", Descriptive.standardError(values), c.number("se"));

                      SampleSummary summary = SampleSummary.of(values);
                      assertThat(summary.n()).isEqualTo(values.length);
                      assertMatches("summary.mean", summary.mean(), c.number("mean"));
                      assertMatches("summary.variance", summary.variance(), c.number("variance"));
                      assertMatches("summary.std", summary.standardDeviation(), c.number("std"));
                      assertMatches("summary.se", summary.standardError(), c.number("se"));

                      ConfidenceInterval ci = StudentTInterval.forMean(values, confidence);
                      assertMatches("ci_low", ci.low(), c.number("ci_low"));
                      assertMatches("ci_high", ci.high(), c.number("ci_high"));
                      assertThat(ci.confidence()).isEqualTo(confidence);
                    }));
  }

  @Test
  void defaultIntervalIsNinetyFivePercent() {
    double[] values = {0.71, 0.73, 0.69, 0.74, 0.72};
    assertThat(StudentTInterval.forMean(values)).isEqualTo(StudentTInterval.forMean(values, 0.95));
  }

  @Test
  void constantSampleHasZeroSpreadAndACollapsedInterval() {
    SampleSummary summary = Descriptive.summarize(0.5, 0.5, 0.5);
    assertThat(summary.variance()).isZero();
    assertThat(summary.standardError()).isZero();
    ConfidenceInterval ci = StudentTInterval.forMean(new double[] {0.5, 0.5, 0.5}, 0.95);
    assertThat(ci.low()).isEqualTo(0.5);
    assertThat(ci.high()).isEqualTo(0.5);
    assertThat(ci.width()).isZero();
  }

  @Test
  void meanOfOneValueIsThatValue() {
    assertThat(Descriptive.mean(0.25)).isEqualTo(0.25);
  }

  @Test
  void rejectsTooFewValues() {
    assertRejected(() -> Descriptive.mean(), "values must have at least 1 value, got 0");
    assertRejected(() -> Descriptive.variance(1.0), "values must have at least 2 values, got 1");
    assertRejected(() -> Descriptive.standardError(1.0), "must have at least 2 values");
    assertRejected(() -> StudentTInterval.forMean(1.0), "must have at least 2 values");
    assertRejected(() -> Descriptive.mean((double[]) null), "values must be provided");
  }

  @Test
  void rejectsNonFiniteValuesNamingThePosition() {
    assertRejected(
        () -> Descriptive.mean(1.0, Double.NaN), "only finite numbers, but value #2 is NaN");
    assertRejected(
        () -> SampleSummary.of(1.0, 2.0, Double.POSITIVE_INFINITY), "value #3 is Infinity");
  }

  @Test
  void rejectsConfidenceOutsideTheOpenUnitInterval() {
    double[] values = {1.0, 2.0, 3.0};
    for (double confidence : new double[] {0.0, 1.0, -0.5, 95.0, Double.NaN}) {
      assertRejected(
          () -> StudentTInterval.forMean(values, confidence),
          "confidence must be strictly between 0 and 1");
    }
  }

  @Test
  void intervalContainmentAndWidth() {
    ConfidenceInterval ci = new ConfidenceInterval(-1.0, 2.0, 0.9);
    assertThat(ci.contains(-1.0)).isTrue();
    assertThat(ci.contains(2.0)).isTrue();
    assertThat(ci.contains(2.0001)).isFalse();
    assertThat(ci.width()).isEqualTo(3.0);
    assertThat(new ConfidenceInterval(Double.NaN, Double.NaN, 0.95).contains(0.0)).isFalse();
  }
}
