package dev.mledger.core.drift;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.testing.ScipyFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ContingencyTestTest {

  @TestFactory
  Stream<DynamicTest> matchesScipyChi2Contingency() {
    return ScipyFixtures.load("/dev/mledger/core/drift/contingency.txt", "contingency").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      long[] ref = c.longs("reference");
                      long[] cur = c.longs("current");
                      ContingencyResult chi = ContingencyTest.chiSquare(ref, cur);
                      ContingencyResult g = ContingencyTest.gTest(ref, cur);
                      assertMatches("chi2", chi.statistic(), c.number("chi2"));
                      assertMatches("chi2_pvalue", chi.pValue(), c.number("chi2_pvalue"));
                      assertThat(chi.degreesOfFreedom()).isEqualTo(c.integer("dof"));
                      assertMatches("g", g.statistic(), c.number("g"));
                      assertMatches("g_pvalue", g.pValue(), c.number("g_pvalue"));
                      BinnedDivergences d = BinnedDivergences.of(ref, cur);
                      assertMatches("psi", d.psi(), c.number("psi"));
                      assertMatches("kl", d.kl(), c.number("kl"));
                      assertMatches("js", d.js(), c.number("js"));
                      assertMatches("js_base2", d.jsBase2(), c.number("js_base2"));
                    }));
  }

  @Test
  void singleSharedCategoryMeansNoDrift() {
    ContingencyResult r = ContingencyTest.chiSquare(new long[] {5}, new long[] {9});
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
    assertThat(r.degreesOfFreedom()).isZero();
  }

  @Test
  void emptySampleIsRejected() {
    assertThatThrownBy(() -> ContingencyTest.gTest(new long[] {0, 0}, new long[] {1, 2}))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("non-empty");
  }
}
