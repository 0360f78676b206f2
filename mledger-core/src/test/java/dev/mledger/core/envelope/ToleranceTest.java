package dev.mledger.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.envelope.MetricCheck.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToleranceTest {

  @Test
  void parsesTheThreeForms() {
    assertThat(Tolerance.parse("exact")).isEqualTo(new Tolerance.Exact());
    assertThat(Tolerance.parse(" ABS:0.01 ")).isEqualTo(new Tolerance.Absolute(0.01));
    assertThat(Tolerance.parse("rel:1e-6")).isEqualTo(new Tolerance.Relative(1e-6));
    assertThat(Tolerance.parse("rel:1e-6").describe()).isEqualTo("rel:1.0E-6");
  }

  @Test
  void rejectsMalformedTolerances() {
    assertThatThrownBy(() -> Tolerance.parse("0.1")).hasMessageContaining("must be exact, abs:X");
    assertThatThrownBy(() -> Tolerance.parse("abs:x")).hasMessageContaining("is not a number");
    assertThatThrownBy(() -> Tolerance.parse("abs:-1")).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Tolerance.parse("rel:NaN")).hasMessageContaining("finite number >= 0");
    assertThatThrownBy(() -> Tolerance.parse("rel:Infinity")).hasMessageContaining("finite");
    assertThatThrownBy(() -> Tolerance.parse("sq:1")).hasMessageContaining("must be exact");
  }

  @Test
  void absoluteAndRelativeBounds() {
    Tolerance abs = new Tolerance.Absolute(0.5);
    assertThat(abs.accepts(1.0, 1.5)).isTrue();
    assertThat(abs.accepts(1.0, 1.5000001)).isFalse();
    Tolerance rel = new Tolerance.Relative(0.01);
    assertThat(rel.accepts(100.0, 101.0)).isTrue();
    assertThat(rel.accepts(100.0, 98.9)).isFalse();
    assertThat(rel.accepts(0.0, 0.0)).isTrue();
    assertThat(new Tolerance.Exact().accepts(0.0, -0.0)).isTrue();
    assertThat(new Tolerance.Exact().accepts(0.1, Math.nextUp(0.1))).isFalse();
  }

  @Test
  void nonFiniteValuesMatchOnlyThemselves() {
    Tolerance loose = new Tolerance.Absolute(1e300);
    assertThat(loose.accepts(Double.NaN, Double.NaN)).isTrue();
    assertThat(loose.accepts(Double.NaN, 1.0)).isFalse();
    assertThat(loose.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
    assertThat(loose.accepts(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
    assertThat(loose.accepts(1.0, Double.POSITIVE_INFINITY)).isFalse();
  }

  @Test
  void defaultsAreExactForIntegersAndTightlyRelativeOtherwise() {
    assertThat(Tolerance.defaultFor(42.0)).isEqualTo(new Tolerance.Exact());
    assertThat(Tolerance.defaultFor(-3.0)).isEqualTo(new Tolerance.Exact());
    assertThat(Tolerance.defaultFor(0.25)).isEqualTo(new Tolerance.Relative(1e-9));
    assertThat(Tolerance.defaultFor(Double.NaN)).isEqualTo(new Tolerance.Relative(1e-9));
    assertThat(Tolerance.defaultFor(1e300)).isEqualTo(new Tolerance.Relative(1e-9));
    double sum = 0.1 + 0.2;
    assertThat(Tolerance.defaultFor(0.3).accepts(0.3, sum)).isTrue();
  }

  @Test
  void comparesFinalMetricsKeyByKey() {
    List<MetricCheck> checks =
        MetricCheck.compare(
            Map.of("accuracy", 0.91, "epochs", 10.0, "loss", 0.2, "rmse", 1.5),
            Map.of("accuracy", 0.9100000000001, "epochs", 11.0, "loss", 0.25, "extra", 3.0),
            Map.of("loss", new Tolerance.Absolute(0.1)),
            null);
    assertThat(checks)
        .extracting(MetricCheck::key, MetricCheck::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("accuracy", Outcome.MATCH),
            org.assertj.core.groups.Tuple.tuple("epochs", Outcome.MISMATCH),
            org.assertj.core.groups.Tuple.tuple("extra", Outcome.EXTRA),
            org.assertj.core.groups.Tuple.tuple("loss", Outcome.MATCH),
            org.assertj.core.groups.Tuple.tuple("rmse", Outcome.MISSING));
    assertThat(checks.get(1).difference()).isEqualTo(1.0);
    assertThat(checks.get(1).tolerance()).isEqualTo(new Tolerance.Exact());
    assertThat(checks.get(4).difference()).isNull();
    assertThat(checks.stream().filter(c -> c.outcome().isFailure())).hasSize(2);
  }

  @Test
  void aFallbackToleranceReplacesThePerValueDefault() {
    List<MetricCheck> checks =
        MetricCheck.compare(
            Map.of("epochs", 10.0), Map.of("epochs", 10.5), Map.of(), new Tolerance.Absolute(1));
    assertThat(checks.get(0).outcome()).isEqualTo(Outcome.MATCH);
  }
}
