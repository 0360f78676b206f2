package dev.mledger.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class BestRunSelectorTest {

  @Test
  void maxPicksTheLargestAndMinTheSmallest() {
    List<Run> runs = List.of(run("a", 0.7), run("b", 0.9), run("c", 0.8));
    assertThat(BestRunSelector.select(runs, "acc", Direction.MAX).best().info().runId())
        .isEqualTo("b");
    BestRun min = BestRunSelector.select(runs, "acc", Direction.MIN);
    assertThat(min.best().info().runId()).isEqualTo("a");
    assertThat(min.value()).isEqualTo(0.7);
    assertThat(min.candidates()).isEqualTo(3);
    assertThat(min.isTie()).isFalse();
  }

  @Test
  void tiesGoToTheRunThatStartedFirstAndAreReported() {
    List<Run> runs =
        List.of(
            TestRuns.run("late").metric("acc", 0.9).startedAt(3000).build(),
            TestRuns.run("z-early").metric("acc", 0.9).startedAt(1000).build(),
            TestRuns.run("a-early").metric("acc", 0.9).startedAt(1000).build(),
            TestRuns.run("worse").metric("acc", 0.5).startedAt(0).build());
    BestRun best = BestRunSelector.select(runs, "acc", Direction.MAX);
    assertThat(best.best().info().runId()).isEqualTo("a-early");
    assertThat(best.tiedWith())
        .extracting(r -> r.info().runId())
        .containsExactly("z-early", "late");
    assertThat(best.isTie()).isTrue();
  }

  @Test
  void missingAndNonFiniteValuesAreSkipped() {
    List<Run> runs =
        List.of(
            run("nan", Double.NaN),
            run("inf", Double.POSITIVE_INFINITY),
            TestRuns.run("none").metric("loss", 1.0).build(),
            run("ok", 0.1));
    BestRun best = BestRunSelector.select(runs, "acc", Direction.MAX);
    assertThat(best.best().info().runId()).isEqualTo("ok");
    assertThat(best.candidates()).isEqualTo(1);
    assertThat(best.skipped()).isEqualTo(3);
  }

  @Test
  void noCandidateIsNotFound() {
    assertThatThrownBy(() -> BestRunSelector.select(List.of(run("a", 0.7)), "f1", Direction.MAX))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
        .hasMessage("No run among the 1 searched has a finite value of metric 'f1'.");
    assertThatThrownBy(() -> BestRunSelector.select(List.of(), "f1", Direction.MAX))
        .hasMessageContaining("matched no run");
  }

  @Test
  void directionParsesOnlyMaxAndMin() {
    assertThat(Direction.fromName(" MIN ")).isEqualTo(Direction.MIN);
    assertThat(Direction.fromName("max")).isEqualTo(Direction.MAX);
    assertThatThrownBy(() -> Direction.fromName("maximize"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("'max' or 'min'");
  }

  private static Run run(String id, double acc) {
    return TestRuns.run(id).metric("acc", acc).build();
  }
}
