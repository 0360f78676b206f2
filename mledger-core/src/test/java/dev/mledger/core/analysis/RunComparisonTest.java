package dev.mledger.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Run;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

  private final Run a =
      TestRuns.run("a")
          .param("lr", "0.1")
          .param("depth", "3")
          .param("only_a", "x")
          .metric("acc", 0.9)
          .metric("loss", 0.2)
          .metric("nan", Double.NaN)
          .build();
  private final Run b =
      TestRuns.run("b")
          .param("lr", "0.01")
          .param("depth", "3")
          .metric("acc", 0.8)
          .metric("loss", 0.0)
          .metric("nan", 1.0)
          .metric("only_b", 5.0)
          .build();

  @Test
  void deltaIsAMinusBPerMetricSortedByKey() {
    RunComparison comparison = RunComparison.of(a, b);
    assertThat(comparison.metrics())
        .extracting(MetricDelta::key)
        .containsExactly("acc", "loss", "nan", "only_b");
    MetricDelta acc = comparison.metric("acc");
    assertThat(acc.delta()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(acc.relativeDelta()).isCloseTo(0.125, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(comparison.metric("loss").relativeDelta()).isNull();
    assertThat(comparison.metric("nan").delta()).isNaN();
    MetricDelta onlyB = comparison.metric("only_b");
    assertThat(onlyB.a()).isNull();
    assertThat(onlyB.delta()).isNull();
    assertThat(onlyB.onBoth()).isFalse();
  }

  @Test
  void paramDifferencesIncludeParamsOnOneSideOnly() {
    RunComparison comparison = RunComparison.of(a, b);
    assertThat(comparison.params())
        .extracting(ParamDifference::key)
        .containsExactly("depth", "lr", "only_a");
    assertThat(comparison.differingParams())
        .containsExactly(
            new ParamDifference("lr", "0.1", "0.01"), new ParamDifference("only_a", "x", null));
  }

  @Test
  void unknownMetricIsNotFound() {
    assertThatThrownBy(() -> RunComparison.of(a, b).metric("f1"))
        .isInstanceOf(MledgerException.class)
        .hasMessage("Neither run a nor run b has a metric 'f1'.");
  }
}
