package dev.mledger.core.stats;

import static dev.mledger.core.stats.InvalidInput.assertRejected;
import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WilcoxonSignedRankTestTest {
  private static final Map<String, WilcoxonMethod> SCIPY_METHODS =
      Map.of(
          "auto", WilcoxonMethod.AUTO,
          "exact", WilcoxonMethod.EXACT,
          "asymptotic", WilcoxonMethod.NORMAL_APPROXIMATION);

  @TestFactory
  Stream<DynamicTest> matchesScipyWilcoxon() {
    return ScipyFixtures.load("/dev/mledger/core/stats/wilcoxon.txt", "wilcoxon").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      WilcoxonOptions options =
                          new WilcoxonOptions(
                              Alternative.fromName(c.text("alternative")),
                              SCIPY_METHODS.get(c.text("method")),
                              c.bool("correction"));
                      WilcoxonResult result =
                          WilcoxonSignedRankTest.testDifferences(c.numbers("differences"), options);
                      assertThat(result.method().name()).isEqualTo(c.text("resolved"));
                      assertMatches("statistic", result.statistic(), c.number("statistic"));
                      assertMatches("pvalue", result.pValue(), c.number("pvalue"));
                      if (c.text("method").equals("asymptotic")) {
                        assertMatches("zstatistic", result.zStatistic(), c.number("zstatistic"));
                      }
                    }));
  }

  @Test
  void pairedInputUsesFloatingPointDifferencesLikeScipy() {
    ScipyFixtures.Case c =
        ScipyFixtures.load("/dev/mledger/core/stats/wilcoxon.txt", "wilcoxon_paired").stream()
            .filter(f -> f.name().equals("float_differences"))
            .findFirst()
            .orElseThrow();
    WilcoxonResult result = WilcoxonSignedRankTest.test(c.numbers("a"), c.numbers("b"));
    assertMatches("statistic", result.statistic(), c.number("statistic"));
    assertMatches("pvalue", result.pValue(), c.number("pvalue"));
  }

  @Test
  void reportsCountsAndTies() {
    WilcoxonResult result =
        WilcoxonSignedRankTest.testDifferences(
            new double[] {0.0, 0.5, -0.5, 1.0, 0.0, 2.0}, WilcoxonOptions.defaults());
    assertThat(result.zeroCount()).isEqualTo(2);
    assertThat(result.nonZeroCount()).isEqualTo(4);
    assertThat(result.tied()).isTrue();
    assertThat(result.method()).isEqualTo(WilcoxonMethod.PERMUTATION);
    assertThat(result.zStatistic()).isNaN();
    assertThat(result.alternative()).isEqualTo(Alternative.TWO_SIDED);
  }

  @Test
  void autoSwitchesMethodAtScipysThresholds() {
    assertThat(methodFor(untied(50), false)).isEqualTo(WilcoxonMethod.EXACT);
    assertThat(methodFor(untied(51), false)).isEqualTo(WilcoxonMethod.NORMAL_APPROXIMATION);
    assertThat(methodFor(untied(13), true)).isEqualTo(WilcoxonMethod.PERMUTATION);
    assertThat(methodFor(untied(14), true)).isEqualTo(WilcoxonMethod.NORMAL_APPROXIMATION);
  }

  private static WilcoxonMethod methodFor(double[] differences, boolean withZero) {
    if (withZero) {
      differences[0] = 0.0;
    }
    return WilcoxonSignedRankTest.testDifferences(differences, WilcoxonOptions.defaults()).method();
  }

  private static double[] untied(int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (i % 3 == 0 ? -1 : 1) * (i + 1) * 0.01;
    }
    return d;
  }

  @Test
  void swappingSamplesMirrorsOneSidedPValues() {
    double[] a = {0.82, 0.85, 0.79, 0.88, 0.90, 0.81, 0.86};
    double[] b = {0.80, 0.81, 0.80, 0.84, 0.85, 0.78, 0.83};
    WilcoxonOptions greater = WilcoxonOptions.defaults().withAlternative(Alternative.GREATER);
    WilcoxonOptions less = WilcoxonOptions.defaults().withAlternative(Alternative.LESS);
    assertThat(WilcoxonSignedRankTest.test(a, b, greater).pValue())
        .isEqualTo(WilcoxonSignedRankTest.test(b, a, less).pValue());
  }

  @Test
  void optionsDefaultsAreScipys() {
    WilcoxonOptions defaults = WilcoxonOptions.defaults();
    assertThat(defaults.alternative()).isEqualTo(Alternative.TWO_SIDED);
    assertThat(defaults.method()).isEqualTo(WilcoxonMethod.AUTO);
    assertThat(defaults.continuityCorrection()).isFalse();
    assertThat(defaults.withMethod(WilcoxonMethod.EXACT).withContinuityCorrection(true))
        .isEqualTo(new WilcoxonOptions(Alternative.TWO_SIDED, WilcoxonMethod.EXACT, true));
  }

  @Test
  void rejectsBadInput() {
    assertRejected(
        () -> WilcoxonSignedRankTest.test(new double[] {1, 2}, new double[] {1}),
        "same number of values");
    assertRejected(
        () -> WilcoxonSignedRankTest.test(new double[0], new double[0]), "at least 1 value");
    assertRejected(
        () -> WilcoxonSignedRankTest.testDifferences(new double[] {Double.NaN}, null),
        "options must be provided");
    assertRejected(
        () ->
            WilcoxonSignedRankTest.testDifferences(
                new double[] {1, Double.NaN}, WilcoxonOptions.defaults()),
        "value #2 is NaN");
    assertRejected(
        () -> new WilcoxonOptions(null, WilcoxonMethod.AUTO, false), "alternative must be");
    assertRejected(
        () ->
            WilcoxonSignedRankTest.testDifferences(
                untied(1001), WilcoxonOptions.defaults().withMethod(WilcoxonMethod.EXACT)),
        "at most 1000 non-zero differences");
  }
}
