package dev.mledger.core.drift;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class BinnedDivergencesTest {

  @TestFactory
  Stream<DynamicTest> binsAndDivergencesMatchTheNumpyRules() {
    return ScipyFixtures.load("/dev/mledger/core/drift/binned.txt", "binned").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      double[] ref = KolmogorovSmirnovTestTest.sorted(c.synth("reference"));
                      double[] cur = KolmogorovSmirnovTestTest.sorted(c.synth("current"));
                      QuantileBins bins = QuantileBins.ofSortedReference(ref, c.integer("bins"));
                      double[] expectedEdges = c.numbers("edges");
                      assertThat(bins.edges()).hasSize(expectedEdges.length);
                      for (int i = 0; i < expectedEdges.length; i++) {
                        assertMatches("edge " + i, bins.edges()[i], expectedEdges[i]);
                      }
                      long[] rc = bins.countSorted(ref);
                      long[] cc = bins.countSorted(cur);
                      assertThat(rc).containsExactly(c.longs("reference_counts"));
                      assertThat(cc).containsExactly(c.longs("current_counts"));
                      BinnedDivergences d = BinnedDivergences.of(rc, cc);
                      assertMatches("psi", d.psi(), c.number("psi"));
                      assertMatches("kl", d.kl(), c.number("kl"));
                      assertMatches("kl_base2", d.klBase2(), c.number("kl_base2"));
                      assertMatches("js", d.js(), c.number("js"));
                      assertMatches("js_base2", d.jsBase2(), c.number("js_base2"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> quantileMatchesNumpy() {
    return ScipyFixtures.load("/dev/mledger/core/drift/binned.txt", "quantile").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      double[] values = c.numbers("values");
                      Arrays.sort(values);
                      assertMatches(
                          "quantile",
                          QuantileBins.quantile(values, c.number("q")),
                          c.number("quantile"));
                    }));
  }

  @Test
  void binOfAgreesWithCountSorted() {
    double[] ref = KolmogorovSmirnovTestTest.sorted(ScipyFixtures.synth(5, 500, 0, 1, 1));
    QuantileBins bins = QuantileBins.ofSortedReference(ref, 10);
    long[] byBinOf = new long[bins.size()];
    for (double v : ref) {
      byBinOf[bins.binOf(v)]++;
    }
    assertThat(byBinOf).containsExactly(bins.countSorted(ref));
  }

  @Test
  void identicalHistogramsHaveZeroDivergence() {
    long[] counts = {5, 0, 7, 3};
    BinnedDivergences d = BinnedDivergences.of(counts, counts.clone());
    assertThat(d.psi()).isZero();
    assertThat(d.kl()).isZero();
    assertThat(d.js()).isZero();
  }

  @Test
  void disjointHistogramsGiveJsOfOneBitAndFinitePsi() {
    BinnedDivergences d = BinnedDivergences.of(new long[] {10, 0}, new long[] {0, 10});
    assertMatches("js_base2", d.jsBase2(), 1.0);
    assertMatches("js", d.js(), Math.log(2));
    assertThat(d.psi()).isFinite().isGreaterThan(10);
  }
}
