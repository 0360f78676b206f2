package dev.mledger.core.stats;

import static dev.mledger.core.stats.InvalidInput.assertRejected;
import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class MultipleTestCorrectionTest {

  @TestFactory
  Stream<DynamicTest> matchesStatsmodelsMultipletests() {
    return ScipyFixtures.load("/dev/mledger/core/stats/multitest.txt", "multitest").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      double[] raw = c.numbers("pvalues");
                      MultipleTestResult result =
                          MultipleTestCorrection.adjust(
                              raw, AdjustmentMethod.valueOf(c.text("method")), c.number("alpha"));
                      double[] expected = c.numbers("adjusted");
                      double[] adjusted = result.adjustedPValues();
                      assertThat(adjusted).hasSameSizeAs(expected);
                      for (int i = 0; i < expected.length; i++) {
                        assertMatches("adjusted[" + i + "]", adjusted[i], expected[i]);
                        assertThat(result.results().get(i).raw()).isEqualTo(raw[i]);
                      }
                      assertThat(result.rejected()).containsExactly(c.bools("reject"));
                    }));
  }

  @Test
  void holmOnATextbookFamily() {
    MultipleTestResult result =
        MultipleTestCorrection.adjust(
            new double[] {0.01, 0.04, 0.03, 0.005}, AdjustmentMethod.HOLM, 0.05);
    assertThat(result.adjustedPValues()).containsExactly(0.03, 0.06, 0.06, 0.02);
    assertThat(result.rejected()).containsExactly(true, false, false, true);
    assertThat(result.rejectedCount()).isEqualTo(2);
    assertThat(result.method()).isEqualTo(AdjustmentMethod.HOLM);
    assertThat(result.alpha()).isEqualTo(0.05);
  }

  @Test
  void benjaminiHochbergStepsUpPastALargerPValue() {
    // p(3) = 0.039 > 3·0.05/5 but p(4) = 0.04 ≤ 4·0.05/5, so the step-up rejects all four.
    MultipleTestResult result =
        MultipleTestCorrection.adjust(
            new double[] {0.001, 0.02, 0.039, 0.04, 0.9}, AdjustmentMethod.BENJAMINI_HOCHBERG);
    assertThat(result.rejected()).containsExactly(true, true, true, true, false);
    assertThat(result.adjustedPValues()[2]).isEqualTo(result.adjustedPValues()[3]);
  }

  @Test
  void bonferroniCapsAtOne() {
    MultipleTestResult result =
        MultipleTestCorrection.adjust(new double[] {0.3, 0.6}, AdjustmentMethod.BONFERRONI);
    assertThat(result.adjustedPValues()).containsExactly(0.6, 1.0);
  }

  @Test
  void rejectsBadInput() {
    assertRejected(
        () -> MultipleTestCorrection.adjust(new double[0], AdjustmentMethod.HOLM),
        "At least one p-value");
    assertRejected(
        () -> MultipleTestCorrection.adjust(new double[] {0.2, 1.2}, AdjustmentMethod.HOLM),
        "p-value #2 is 1.2");
    assertRejected(
        () -> MultipleTestCorrection.adjust(new double[] {Double.NaN}, AdjustmentMethod.HOLM),
        "p-value #1 is NaN");
    assertRejected(
        () -> MultipleTestCorrection.adjust(new double[] {0.2}, AdjustmentMethod.HOLM, 0.0),
        "alpha must be strictly between 0 and 1");
    assertRejected(
        () -> MultipleTestCorrection.adjust(new double[] {0.2}, null), "method must be provided");
  }
}
