package dev.mledger.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.testing.ScipyFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftAnalysisTest {
  private static final DriftSettings SETTINGS = DriftSettings.defaults();

  @Test
  void numericColumnCombinesTheScipyEquivalentStatistics() {
    double[] ref = ScipyFixtures.synth(31, 5000, 0, 1, -1);
    double[] cur = ScipyFixtures.synth(34, 5000, 0.5, 1, -1);
    NumericDrift d = DriftAnalysis.numeric("x", ref, cur, SETTINGS);
    double[] sr = KolmogorovSmirnovTestTest.sorted(ref);
    double[] sc = KolmogorovSmirnovTestTest.sorted(cur);
    assertThat(d.ks()).isEqualTo(KolmogorovSmirnovTest.test(sr, sc, KsMethod.AUTO));
    assertThat(d.wasserstein()).isEqualTo(Wasserstein.distance(sr, sc));
    QuantileBins bins = QuantileBins.ofSortedReference(sr, 10);
    assertThat(d.binEdges()).isEqualTo(bins);
    assertThat(d.divergences())
        .isEqualTo(BinnedDivergences.of(bins.countSorted(sr), bins.countSorted(sc)));
    assertThat(d.reference().count()).isEqualTo(5000);
    assertThat(d.chiSquare()).isNull();
    // 5000 reference rows: normalised Wasserstein at 0.1, and a 0.5 shift on a unit-ish scale
    // drifts.
    assertThat(d.verdict().test()).isEqualTo(DriftTest.WASSERSTEIN);
    assertThat(d.verdict().value()).isEqualTo(d.wassersteinNorm());
    assertThat(d.verdict().drifted()).isTrue();
  }

  @Test
  void defaultSelectionFollowsTypeSizeAndCardinality() {
    assertThat(choose(ColumnKind.NUMERIC, 1000, 50)).isEqualTo(DriftTest.KS);
    assertThat(choose(ColumnKind.NUMERIC, 1001, 50)).isEqualTo(DriftTest.WASSERSTEIN);
    assertThat(choose(ColumnKind.NUMERIC, 1000, 5)).isEqualTo(DriftTest.CHI2);
    assertThat(choose(ColumnKind.NUMERIC, 1001, 5)).isEqualTo(DriftTest.JENSEN_SHANNON);
    assertThat(choose(ColumnKind.CATEGORICAL, 1000, 40)).isEqualTo(DriftTest.CHI2);
    assertThat(choose(ColumnKind.CATEGORICAL, 1001, 40)).isEqualTo(DriftTest.JENSEN_SHANNON);
  }

  @Test
  void forcedTestsApplyOnlyWhereTheyMakeSense() {
    TestSelection.Choice ks =
        TestSelection.choose(ColumnKind.CATEGORICAL, 10, 3, java.util.Optional.of(DriftTest.KS));
    assertThat(ks.test()).isEqualTo(DriftTest.CHI2);
    assertThat(ks.reason()).startsWith("ks does not apply");
    TestSelection.Choice psi =
        TestSelection.choose(ColumnKind.NUMERIC, 10, 300, java.util.Optional.of(DriftTest.PSI));
    assertThat(psi).isEqualTo(new TestSelection.Choice(DriftTest.PSI, "requested"));
  }

  @Test
  void lowCardinalityNumericColumnsGetAChiSquareOverTheirValues() {
    double[] ref = {0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
    double[] cur = {0, 1, 1, 2, 2, 2, 2, 2, 2, 2};
    NumericDrift d = DriftAnalysis.numeric("flag", ref, cur, SETTINGS);
    assertThat(d.distinctValues()).isEqualTo(3);
    assertThat(d.chiSquare())
        .isEqualTo(ContingencyTest.chiSquare(new long[] {2, 3, 5}, new long[] {1, 2, 7}));
    assertThat(d.verdict().test()).isEqualTo(DriftTest.CHI2);
  }

  @Test
  void categoricalColumnReportsUnseenCategoriesMostFrequentFirst() {
    CategoricalDrift d =
        DriftAnalysis.categorical(
            "c",
            Map.of("a", 50L, "b", 50L),
            Map.of("a", 40L, "b", 30L, "z", 20L, "y", 10L),
            SETTINGS);
    assertThat(d.unseenCategories()).containsExactly("z", "y");
    assertThat(d.unseenCategoryCount()).isEqualTo(2);
    assertThat(d.categories()).isEqualTo(4);
    assertThat(d.chiSquare())
        .isEqualTo(
            ContingencyTest.chiSquare(new long[] {50, 50, 0, 0}, new long[] {40, 30, 10, 20}));
    assertThat(d.verdict().drifted()).isTrue();
  }

  @Test
  void parallelReportEqualsSerialReportInInputOrder() {
    List<DriftInput> inputs = new ArrayList<>();
    for (int f = 0; f < 6; f++) {
      inputs.add(
          new DriftInput.Numeric(
              "f" + f,
              ScipyFixtures.synth(100 + f, 3000, 0, 1, -1),
              ScipyFixtures.synth(200 + f, 2000, f * 0.05, 1, -1)));
    }
    inputs.add(new DriftInput.Categorical("c", Map.of("a", 5L), Map.of("a", 3L, "b", 1L)));
    DriftReport serial = DriftAnalysis.report(inputs, SETTINGS.withParallelism(1));
    DriftReport parallel = DriftAnalysis.report(inputs, SETTINGS.withParallelism(3));
    assertThat(parallel.columns()).isEqualTo(serial.columns());
    assertThat(parallel.columns().stream().map(ColumnDrift::column).toList())
        .containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "c");
    assertThat(parallel.driftedColumns())
        .isEqualTo((int) serial.columns().stream().filter(c -> c.verdict().drifted()).count());
  }

  @Test
  void inputArraysAreNotModified() {
    double[] ref = ScipyFixtures.synth(1, 6000, 0, 1, -1);
    double[] copy = ref.clone();
    DriftAnalysis.numeric("x", ref, ref, SETTINGS);
    assertThat(Arrays.equals(ref, copy)).isTrue();
  }

  @Test
  void invalidInputIsRejectedWithTheColumnName() {
    assertThatThrownBy(
            () ->
                DriftAnalysis.numeric(
                    "x", new double[] {1, Double.NaN}, new double[] {1}, SETTINGS))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("column 'x' has 1 missing or non-finite reference values");
    assertThatThrownBy(() -> DriftAnalysis.numeric("x", new double[] {1}, new double[0], SETTINGS))
        .hasMessageContaining("column 'x' has no current values");
    assertThatThrownBy(() -> DriftAnalysis.categorical("c", Map.of(), Map.of("a", 1L), SETTINGS))
        .hasMessageContaining("column 'c' has no reference values");
    assertThatThrownBy(() -> DriftAnalysis.report(List.of(), SETTINGS))
        .hasMessageContaining("at least one column");
    assertThatThrownBy(() -> SETTINGS.withBins(1)).hasMessageContaining("bins");
  }

  private static DriftTest choose(ColumnKind kind, long n, int distinct) {
    return TestSelection.choose(kind, n, distinct, java.util.Optional.empty()).test();
  }
}
