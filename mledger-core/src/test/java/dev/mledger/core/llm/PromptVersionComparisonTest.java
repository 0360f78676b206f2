package dev.mledger.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mledger.core.llm.PromptVersionComparison.ScoredExample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptVersionComparisonTest {
  private static final String A = "prompts:/qa/2";
  private static final String B = "prompts:/qa/1";

  private static List<ScoredExample> scores(double[] a, double[] b) {
    List<ScoredExample> out = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      out.add(new ScoredExample(A, "ex" + i, new ScoreValue.Numeric(a[i])));
      out.add(new ScoredExample(B, "ex" + i, new ScoreValue.Numeric(b[i])));
    }
    return out;
  }

  @Test
  void pairsByExampleAndMatchesScipy() {
    List<ScoredExample> s =
        scores(
            new double[] {0.8, 0.6, 0.9, 0.7, 0.75, 0.95},
            new double[] {0.7, 0.65, 0.6, 0.5, 0.7, 0.8});
    // an example only version A answered is reported, not paired
    s.add(new ScoredExample(A, "extra", new ScoreValue.Numeric(1)));
    PromptVersionComparison c = PromptVersionComparison.compare(A, B, "golden", "relevance", s);
    assertThat(c.scoredExamplesA()).isEqualTo(7);
    assertThat(c.pairedExamples()).hasSize(6);
    assertThat(c.statistics().seedsOnlyInA()).containsExactly("extra");
    // scipy.stats.ttest_rel: t=2.5210974204480534, p=0.05310349175179787; wilcoxon p=0.09375
    assertThat(c.statistics().pairedT().statistic()).isCloseTo(2.5210974204480534, within(1e-12));
    assertThat(c.statistics().pairedT().pValue()).isCloseTo(0.05310349175179787, within(1e-12));
    assertThat(c.statistics().wilcoxon().pValue()).isCloseTo(0.09375, within(1e-12));
  }

  @Test
  void repeatedAnswersAverageAndBooleansCountAsPassRates() {
    List<ScoredExample> s = new ArrayList<>();
    s.add(new ScoredExample(A, "1", new ScoreValue.Bool(true)));
    s.add(new ScoredExample(A, "1", new ScoreValue.Bool(false)));
    s.add(new ScoredExample(A, "2", new ScoreValue.Bool(true)));
    s.add(new ScoredExample(B, "1", new ScoreValue.Bool(false)));
    s.add(new ScoredExample(B, "2", new ScoreValue.Bool(false)));
    PromptVersionComparison c = PromptVersionComparison.compare(A, B, "set", "pass", s);
    assertThat(c.statistics().meanDelta()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void refusesCategoricalScoresAndTooFewPairs() {
    List<ScoredExample> cat =
        List.of(
            new ScoredExample(A, "1", new ScoreValue.Categorical("good")),
            new ScoredExample(B, "1", new ScoreValue.Categorical("bad")));
    assertThatThrownBy(() -> PromptVersionComparison.compare(A, B, "s", "tone", cat))
        .hasMessageContaining("categorical");
    List<ScoredExample> one = scores(new double[] {1}, new double[] {0});
    assertThatThrownBy(() -> PromptVersionComparison.compare(A, B, "s", "x", one))
        .hasMessageContaining("at least 2 examples");
    assertThatThrownBy(() -> PromptVersionComparison.compare(A, B, "s", "x", List.of()))
        .hasMessageContaining("No 'x' scores");
    assertThatThrownBy(() -> PromptVersionComparison.compare(A, A, "s", "x", one))
        .hasMessageContaining("two different");
  }

  @Test
  void scoreSourcesNeedTheirFields() {
    assertThat(ScoreSource.of("llm_judge", "gpt-4o", "2024-08-06"))
        .isEqualTo(new ScoreSource.LlmJudge("gpt-4o", "2024-08-06"));
    assertThatThrownBy(() -> ScoreSource.of("llm_judge", "gpt-4o", null))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> ScoreSource.of("robot", "x", null))
        .hasMessageContaining("human, llm_judge or code");
    assertThatThrownBy(() -> new ScoreValue.Numeric(Double.NaN)).hasMessageContaining("finite");
  }
}
