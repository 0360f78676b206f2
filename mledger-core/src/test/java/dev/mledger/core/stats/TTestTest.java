package dev.mledger.core.stats;

import static dev.mledger.core.stats.InvalidInput.assertRejected;
import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class TTestTest {

  @TestFactory
  Stream<DynamicTest> pairedMatchesScipyTtestRel() {
    return ScipyFixtures.load("/dev/mledger/core/stats/ttest.txt", "paired").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () ->
                        assertMatchesFixture(
                            c,
                            PairedTTest.test(
                                c.numbers("a"),
                                c.numbers("b"),
                                Alternative.fromName(c.text("alternative")),
                                c.number("confidence")))));
  }

  @TestFactory
  Stream<DynamicTest> welchMatchesScipyTtestInd() {
    return ScipyFixtures.load("/dev/mledger/core/stats/ttest.txt", "welch").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () ->
                        assertMatchesFixture(
                            c,
                            WelchTTest.test(
                                c.numbers("a"),
                                c.numbers("b"),
                                Alternative.fromName(c.text("alternative")),
                                c.number("confidence")))));
  }

  private static void assertMatchesFixture(ScipyFixtures.Case c, TTestResult result) {
    assertThat(result.alternative().scipyName()).isEqualTo(c.text("alternative"));
    assertMatches("mean_delta", result.meanDelta(), c.number("mean_delta"));
    assertMatches("se", result.standardError(), c.number("se"));
    assertMatches("statistic", result.statistic(), c.number("statistic"));
    assertMatches("df", result.degreesOfFreedom(), c.number("df"));
    assertMatches("pvalue", result.pValue(), c.number("pvalue"));
    assertMatches("ci_low", result.interval().low(), c.number("ci_low"));
    assertMatches("ci_high", result.interval().high(), c.number("ci_high"));
    assertThat(result.interval().confidence()).isEqualTo(c.number("confidence"));
  }

  @Test
  void pairedDefaultsAreTwoSidedAtNinetyFivePercent() {
    double[] a = {0.81, 0.83, 0.80, 0.84};
    double[] b = {0.80, 0.80, 0.79, 0.82};
    assertThat(PairedTTest.test(a, b))
        .isEqualTo(PairedTTest.test(a, b, Alternative.TWO_SIDED, 0.95));
    assertThat(WelchTTest.test(a, b)).isEqualTo(WelchTTest.test(a, b, Alternative.TWO_SIDED, 0.95));
  }

  @Test
  void pairedOnDifferencesEqualsPairedOnSamples() {
    double[] a = {0.81, 0.83, 0.80, 0.84};
    double[] b = {0.80, 0.80, 0.79, 0.82};
    assertThat(PairedTTest.testDifferences(PairedTTest.differences(a, b), Alternative.GREATER, 0.9))
        .isEqualTo(PairedTTest.test(a, b, Alternative.GREATER, 0.9));
  }

  @Test
  void zeroVarianceShiftGivesInfiniteStatisticAndCollapsedInterval() {
    TTestResult result =
        PairedTTest.test(
            new double[] {1.0, 2.0, 3.0}, new double[] {0.0, 1.0, 2.0}, Alternative.LESS, 0.95);
    assertThat(result.statistic()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(result.pValue()).isEqualTo(1.0);
    // scipy reports NaN for the open side here (−∞·0); the contract keeps it infinite.
    assertThat(result.interval().low()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(result.interval().high()).isEqualTo(1.0);
  }

  @Test
  void identicalSamplesGiveNaNStatistic() {
    TTestResult result = PairedTTest.test(new double[] {1, 2, 3}, new double[] {1, 2, 3});
    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
    assertThat(result.interval().low()).isZero();
    assertThat(result.interval().high()).isZero();
  }

  @Test
  void welchReportsOneDegreeOfFreedomWhenBothSamplesAreConstant() {
    TTestResult result = WelchTTest.test(new double[] {1, 1, 1}, new double[] {2, 2});
    assertThat(result.degreesOfFreedom()).isEqualTo(1.0);
    assertThat(result.statistic()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(result.pValue()).isZero();
  }

  @Test
  void rejectsBadInput() {
    double[] three = {1, 2, 3};
    assertRejected(
        () -> PairedTTest.test(three, new double[] {1, 2}),
        "a and b must have the same number of values for a paired test, got 3 and 2");
    assertRejected(
        () -> PairedTTest.test(new double[] {1}, new double[] {2}), "must have at least 2 values");
    assertRejected(
        () -> PairedTTest.test(three, new double[] {1, Double.NaN, 3}), "b must contain only");
    assertRejected(
        () -> PairedTTest.test(three, three, Alternative.TWO_SIDED, 1.5), "confidence must be");
    assertRejected(
        () -> PairedTTest.test(three, three, null, 0.95), "alternative must be provided");
    assertRejected(
        () -> WelchTTest.test(three, new double[] {1}), "b must have at least 2 values, got 1");
    assertRejected(
        () -> WelchTTest.test(new double[] {Double.NEGATIVE_INFINITY, 1}, three),
        "a must contain only finite numbers");
  }

  @Test
  void alternativeNamesFollowScipy() {
    assertThat(Alternative.fromName("two-sided")).isEqualTo(Alternative.TWO_SIDED);
    assertThat(Alternative.fromName("TWO_SIDED")).isEqualTo(Alternative.TWO_SIDED);
    assertThat(Alternative.fromName(" Less ")).isEqualTo(Alternative.LESS);
    assertThat(Alternative.GREATER.scipyName()).isEqualTo("greater");
    assertRejected(() -> Alternative.fromName("bigger"), "must be one of 'two-sided'");
    assertRejected(() -> Alternative.fromName(null), "must be one of");
  }
}
