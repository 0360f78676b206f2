package dev.mledger.core.drift;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.testing.ScipyFixtures;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class KolmogorovSmirnovTestTest {

  @TestFactory
  Stream<DynamicTest> matchesScipyKs2samp() {
    return ScipyFixtures.load("/dev/mledger/core/drift/ks.txt", "ks2samp").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      double[] a = sorted(c.synth("a"));
                      double[] b = sorted(c.synth("b"));
                      KsResult r = KolmogorovSmirnovTest.test(a, b, method(c.text("method")));
                      assertMatches("statistic", r.statistic(), c.number("statistic"));
                      assertMatches("pvalue", r.pValue(), c.number("pvalue"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> wassersteinMatchesScipy() {
    return ScipyFixtures.load("/dev/mledger/core/drift/ks.txt", "wasserstein").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      double[] a = sorted(c.synth("a"));
                      double[] b = sorted(c.synth("b"));
                      double w = Wasserstein.distance(a, b);
                      assertMatches("distance", w, c.number("distance"));
                      double std = NumericSummary.ofSorted(a).std();
                      assertMatches("norm", Wasserstein.normalised(w, std), c.number("norm"));
                    }));
  }

  @Test
  void autoIsExactUpToTenThousandValuesAndAsymptoticAbove() {
    double[] small = sorted(ScipyFixtures.synth(1, 10_000, 0, 1, -1));
    double[] large = sorted(ScipyFixtures.synth(2, 10_001, 0, 1, -1));
    assertThat(KolmogorovSmirnovTest.test(small, small, KsMethod.AUTO).method())
        .isEqualTo(KsMethod.EXACT);
    assertThat(KolmogorovSmirnovTest.test(small, large, KsMethod.AUTO).method())
        .isEqualTo(KsMethod.ASYMPTOTIC);
  }

  @Test
  void identicalSamplesHaveStatisticZeroAndPValueOne() {
    double[] a = {1, 2, 2, 3};
    KsResult r = KolmogorovSmirnovTest.test(a, a.clone(), KsMethod.AUTO);
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
  }

  @Test
  void emptySampleIsRejected() {
    assertThatThrownBy(
            () -> KolmogorovSmirnovTest.test(new double[0], new double[] {1}, KsMethod.AUTO))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("non-empty");
  }

  static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  static KsMethod method(String scipyName) {
    for (KsMethod m : KsMethod.values()) {
      if (m.scipyName().equals(scipyName)) {
        return m;
      }
    }
    throw new IllegalArgumentException(scipyName);
  }
}
