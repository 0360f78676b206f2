package dev.mledger.core.drift;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.testing.ScipyFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SketchDriftTest {
  private static final DriftSettings SETTINGS = DriftSettings.defaults();

  private static NumericProfile profile(double[] values) {
    NumericProfile p = NumericProfile.create();
    p.update(values);
    return p;
  }

  @Test
  void exactSketchesGiveTheFullSampleStatistics() {
    double[] ref = ScipyFixtures.synth(1, 150, 0, 1, -1);
    double[] cur = ScipyFixtures.synth(2, 120, 0.4, 1, -1);
    NumericDrift full = DriftAnalysis.numeric("x", ref, cur, SETTINGS);
    NumericDrift sketched = SketchDrift.numeric("x", profile(ref), profile(cur), SETTINGS);
    assertThat(sketched.approximate()).isFalse();
    assertThat(sketched.ks().statistic()).isEqualTo(full.ks().statistic());
    assertMatches("ks p", sketched.ks().pValue(), full.ks().pValue());
    assertMatches("wasserstein", sketched.wasserstein(), full.wasserstein());
    assertMatches("mean", sketched.reference().mean(), full.reference().mean());
    assertMatches("std", sketched.current().std(), full.current().std());
    assertThat(sketched.verdict().test()).isEqualTo(full.verdict().test());
    assertThat(sketched.verdict().drifted()).isEqualTo(full.verdict().drifted());
  }

  @Test
  void estimationModeStaysWithinTheDocumentedErrorBounds() {
    double[] ref = ScipyFixtures.synth(3, 200_000, 0, 1, -1);
    double[] cur = ScipyFixtures.synth(4, 150_000, 0.1, 1.2, -1);
    NumericProfile rp = profile(ref);
    NumericProfile cp = profile(cur);
    assertThat(rp.isExact()).isFalse();
    NumericDrift full = DriftAnalysis.numeric("x", ref, cur, SETTINGS);
    NumericDrift sketched = SketchDrift.numeric("x", rp, cp, SETTINGS);
    assertThat(sketched.approximate()).isTrue();
    double eps = rp.rankError() + cp.rankError();
    assertThat(Math.abs(sketched.ks().statistic() - full.ks().statistic()))
        .isLessThanOrEqualTo(eps);
    double range =
        Math.max(full.reference().max(), full.current().max())
            - Math.min(full.reference().min(), full.current().min());
    assertThat(Math.abs(sketched.wasserstein() - full.wasserstein()))
        .isLessThanOrEqualTo(eps * range);
    assertThat(sketched.divergences().psi())
        .isCloseTo(full.divergences().psi(), org.assertj.core.data.Offset.offset(0.05));
    assertThat(sketched.verdict().drifted()).isEqualTo(full.verdict().drifted());
  }

  @Test
  void mergedProfilesEqualTheProfileOfTheUnion() {
    double[] all = ScipyFixtures.synth(5, 100, 2, 3, 1);
    NumericProfile whole = profile(all);
    NumericProfile left = profile(java.util.Arrays.copyOfRange(all, 0, 37));
    left.merge(profile(java.util.Arrays.copyOfRange(all, 37, 100)));
    left.update(Double.NaN);
    assertThat(left.count()).isEqualTo(100);
    assertThat(left.missing()).isEqualTo(1);
    assertMatches("mean", left.summary().mean(), whole.summary().mean());
    assertMatches("std", left.summary().std(), whole.summary().std());
    NumericDrift a = SketchDrift.numeric("x", whole, whole, SETTINGS);
    NumericDrift b = SketchDrift.numeric("x", left, whole, SETTINGS);
    assertThat(b.ks().statistic()).isZero();
    assertThat(b.divergences()).isEqualTo(a.divergences());
  }

  @Test
  void profilesRoundTripThroughBytes() {
    NumericProfile p = profile(ScipyFixtures.synth(6, 5000, 0, 1, -1));
    p.update(Double.NaN);
    NumericProfile back = NumericProfile.fromBytes(p.toBytes());
    assertThat(back.summary()).isEqualTo(p.summary());
    assertThat(back.missing()).isEqualTo(1);
    assertThat(SketchDrift.numeric("x", back, p, SETTINGS).ks().statistic()).isZero();

    CategoricalProfile c = CategoricalProfile.create();
    c.update("a", 5);
    c.update("b");
    c.update(null);
    CategoricalProfile cBack = CategoricalProfile.fromBytes(c.toBytes());
    assertThat(cBack.counts()).isEqualTo(c.counts());
    assertThat(cBack.missing()).isEqualTo(1);
    assertThatThrownBy(() -> NumericProfile.fromBytes(new byte[] {0, 0, 0, 9}))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("format");
  }

  @Test
  void categoricalProfilesAreExactBelowTheMapSizeAndMerge() {
    CategoricalProfile ref = CategoricalProfile.create();
    CategoricalProfile cur = CategoricalProfile.create();
    ref.update("red", 20);
    ref.update("blue", 15);
    CategoricalProfile more = CategoricalProfile.create();
    more.update("green", 5);
    ref.merge(more);
    cur.update("red", 10);
    cur.update("blue", 10);
    cur.update("green", 5);
    cur.update("purple", 5);
    assertThat(ref.isExact()).isTrue();
    CategoricalDrift sketched = SketchDrift.categorical("color", ref, cur, SETTINGS);
    CategoricalDrift exact =
        DriftAnalysis.categorical(
            "color",
            Map.of("red", 20L, "blue", 15L, "green", 5L),
            Map.of("red", 10L, "blue", 10L, "green", 5L, "purple", 5L),
            SETTINGS);
    assertThat(sketched).isEqualTo(exact);
    assertThat(sketched.approximate()).isFalse();
  }

  @Test
  void emptyProfilesAreRejected() {
    assertThatThrownBy(
            () ->
                SketchDrift.numeric(
                    "x", NumericProfile.create(), profile(new double[] {1}), SETTINGS))
        .hasMessageContaining("column 'x' has no reference values");
    assertThatThrownBy(() -> NumericProfile.create().update(Double.POSITIVE_INFINITY))
        .isInstanceOf(MledgerException.class);
  }
}
