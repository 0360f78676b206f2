package dev.mledger.core.modelcard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.gate.DecisionApproval;
import dev.mledger.core.gate.Direction;
import dev.mledger.core.gate.GateDecision;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.MetricThreshold;
import dev.mledger.core.gate.OutcomeStatus;
import dev.mledger.core.gate.PromotionOverride;
import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.core.gate.RuleOutcome;
import dev.mledger.core.gate.ThresholdBound;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCardsTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private static RecordedDecision decision(boolean passed, List<DecisionApproval> approvals) {
    GateDefinition gate =
        new GateDefinition(
            "release",
            null,
            List.of(
                new MetricThreshold(
                    "r2-floor",
                    "test_r2",
                    Direction.HIGHER_IS_BETTER,
                    new ThresholdBound.Absolute(0.8))));
    RuleOutcome outcome =
        new RuleOutcome(
            "r2-floor",
            MetricThreshold.TYPE,
            passed ? OutcomeStatus.PASSED : OutcomeStatus.FAILED,
            passed ? "test_r2 0.91 >= 0.8." : "test_r2 0.7 < 0.8 | too low.",
            Map.of());
    GateDecision d =
        new GateDecision(
            gate, "churn", "2", "run-2", "1", "run-1", List.of("2"), T0, List.of(outcome));
    return new RecordedDecision("dec-" + passed, "ab".repeat(32), d, T0, approvals);
  }

  private static ModelCardInputs inputs(
      ModelCardInputs.EnvelopeSummary envelope,
      List<RecordedDecision> decisions,
      List<PromotionRecord> promotions) {
    return new ModelCardInputs(
        "churn",
        "2",
        "Gradient boosting | v2\nretrained",
        "Production",
        List.of("champion"),
        "run-2",
        Map.of("max_depth", "6", "alpha", "0.1"),
        List.of(
            new ModelCardInputs.MetricSummary("test_r2", 0.91, 6, 0.905, 0.9, 0.91, 0.95),
            ModelCardInputs.MetricSummary.single("latency_p95_ms", 120),
            ModelCardInputs.MetricSummary.single("loss", Double.NaN)),
        envelope,
        List.of("dataset churn-train@sha256:aa", "run run-1 (parent)"),
        "The dataset registry was not consulted.",
        CardLineage.NONE,
        decisions,
        promotions,
        T0.plusSeconds(60));
  }

  @Test
  void markdownStatesEverySectionWithIntervalsDecisionsAndOverrides() {
    RecordedDecision passed =
        decision(true, List.of(new DecisionApproval("carol", T0.plusSeconds(5), "reviewed")));
    PromotionRecord promotion =
        new PromotionRecord(
            1, "churn", "2", new PromotionTarget.Alias("champion"), passed.id(), null, "alice", T0);
    PromotionRecord override =
        new PromotionRecord(
            2,
            "churn",
            "2",
            new PromotionTarget.Stage("Production"),
            null,
            new PromotionOverride("hotfix", "bob"),
            "bob",
            T0.plusSeconds(10));
    String md =
        ModelCards.toMarkdown(
            inputs(
                new ModelCardInputs.EnvelopeSummary(
                    "f".repeat(64), false, "abc123", List.of("churn-train@sha256:aa"), 42L),
                List.of(passed),
                List.of(promotion, override)));

    assertThat(md)
        .startsWith("# Model card: churn version 2\n\nGradient boosting \\| v2 retrained\n\n")
        .contains("- Stage: Production\n- Aliases: champion\n- Source run: `run-2`\n")
        .contains("| test_r2 | 0.91 | 0.905 (n = 6) | 95% [0.9, 0.91] |\n")
        .contains("| latency_p95_ms | 120 | – | – |\n")
        .contains("| loss | NaN | – | – |\n")
        .contains("| alpha | 0.1 |\n| max_depth | 6 |\n")
        .contains("(DOES NOT MATCH the stored envelope)")
        .contains("- Code: `abc123`\n- Seed: 42\n- Datasets: churn-train@sha256:aa\n")
        .contains("- dataset churn-train@sha256:aa\n- run run-1 (parent)\n")
        .contains("- Envelope fingerprint: `" + "f".repeat(64) + "`\n")
        .contains("No lineage recorded: the lineage graph has nothing upstream or downstream")
        .contains("_The dataset registry was not consulted._")
        .contains("### release: PASSED")
        .contains("against champion version 1")
        .contains("- Approved by carol at 2026-01-02T03:04:10Z: reviewed\n")
        .contains("| r2-floor | passed | test_r2 0.91 >= 0.8. |\n")
        .contains("alias `champion` by alice on decision `dec-true`")
        .contains("stage `Production` by bob by OVERRIDE (hotfix)");
  }

  @Test
  void missingSourcesAreSaidOutLoudNotLeftBlank() {
    String md = ModelCards.toMarkdown(inputs(null, List.of(), List.of()));
    assertThat(md)
        .contains("No envelope was recorded for the source run.")
        .contains("No gate was evaluated for this version.")
        .contains("This version has not been promoted.");
    String failed =
        ModelCards.toMarkdown(inputs(null, List.of(decision(false, List.of())), List.of()));
    assertThat(failed)
        .contains("### release: FAILED")
        .contains("- Not approved\n")
        .contains("| r2-floor | failed | test_r2 0.7 < 0.8 \\| too low. |");
  }

  @Test
  void jsonTreeCarriesTheSameFactsAndLeavesOutNonFiniteNumbers() {
    RecordedDecision passed =
        decision(true, List.of(new DecisionApproval("carol", T0.plusSeconds(5), "")));
    Map<String, Object> tree =
        ModelCards.toTree(
            inputs(
                new ModelCardInputs.EnvelopeSummary("e".repeat(64), true, null, List.of(), null),
                List.of(passed),
                List.of()));
    assertThat(tree.get("schema")).isEqualTo("mledger.model-card/1");
    assertThat(tree.get("generated_at")).isEqualTo("2026-01-02T03:05:05Z");
    assertThat(tree.get("params")).isEqualTo(Map.of("alpha", "0.1", "max_depth", "6"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) tree.get("metrics");
    assertThat(metrics.get(0))
        .containsEntry("seeds", 6L)
        .containsEntry("ci_low", 0.9)
        .containsEntry("confidence", 0.95);
    assertThat(metrics.get(1)).containsOnlyKeys("key", "value");
    assertThat(metrics.get(2)).containsOnlyKeys("key");
    @SuppressWarnings("unchecked")
    Map<String, Object> envelope = (Map<String, Object>) tree.get("envelope");
    assertThat(envelope).containsEntry("intact", true).containsEntry("code_commit", null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> decisions = (List<Map<String, Object>>) tree.get("gate_decisions");
    assertThat(decisions.get(0))
        .containsEntry("gate", "release")
        .containsEntry("passed", true)
        .containsEntry("champion_version", "1");
    assertThat(tree.get("promotions")).isEqualTo(List.of());
    assertThat(ModelCards.toTree(inputs(null, List.of(), List.of())))
        .containsEntry("envelope", null);
  }
}
