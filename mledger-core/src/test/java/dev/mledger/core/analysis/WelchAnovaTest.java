package dev.mledger.core.analysis;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.testing.ScipyFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WelchAnovaTest {

  @TestFactory
  Stream<DynamicTest> matchesScipyFOnewayWithUnequalVariances() {
    return ScipyFixtures.load("/dev/mledger/core/analysis/welch_anova.txt", "welch_anova").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      List<double[]> groups = new ArrayList<>();
                      int k = (int) c.number("groups");
                      for (int i = 1; i <= k; i++) {
                        groups.add(c.numbers("group" + i));
                      }
                      WelchAnovaResult result = WelchAnova.test(groups);
                      assertMatches("F", result.statistic(), c.number("statistic"));
                      assertMatches("dfn", result.numeratorDf(), c.number("dfn"));
                      assertMatches("dfd", result.denominatorDf(), c.number("dfd"));
                      assertMatches("p", result.pValue(), c.number("p_value"));
                    }));
  }

  @Test
  void constantGroupsThatDifferGiveAnInfiniteStatisticAndPZero() {
    WelchAnovaResult result = WelchAnova.test(List.of(new double[] {1, 1, 1}, new double[] {2, 2}));
    assertThat(result.statistic()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(result.pValue()).isZero();
  }

  @Test
  void identicalValuesEverywhereGiveNaN() {
    WelchAnovaResult result = WelchAnova.test(List.of(new double[] {3, 3}, new double[] {3, 3, 3}));
    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
  }

  @Test
  void oneConstantGroupAmongNoisyOnesGivesNaNAsScipy() {
    WelchAnovaResult result =
        WelchAnova.test(
            List.of(new double[] {1, 2, 3}, new double[] {2, 2, 2}, new double[] {4, 5, 7}));
    assertThat(result.statistic()).isNaN();
    assertThat(result.pValue()).isNaN();
  }

  @Test
  void survivalIsOneAtZeroAndDecreasing() {
    assertThat(WelchAnova.survival(0.0, 2, 10)).isEqualTo(1.0);
    assertThat(WelchAnova.survival(1.0, 2, 10)).isGreaterThan(WelchAnova.survival(2.0, 2, 10));
  }

  @Test
  void rejectsTooFewGroupsOrValues() {
    assertInvalid(() -> WelchAnova.test(List.of(new double[] {1, 2})), "at least 2 groups");
    assertInvalid(
        () -> WelchAnova.test(List.of(new double[] {1, 2}, new double[] {3})), "group #2 has 1");
    assertInvalid(
        () -> WelchAnova.test(List.of(new double[] {1, 2}, new double[] {3, Double.NaN})),
        "finite");
  }

  private static void assertInvalid(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining(message);
  }
}
