package dev.mledger.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateSpecsTest {

  private static Map<String, Object> gateWith(Object... rules) {
    return Map.of("name", "quality", "rules", List.of(rules));
  }

  @Test
  void readsEveryRuleTypeWithDefaults() {
    GateDefinition gate =
        GateSpecs.fromTree(
            Map.of(
                "name",
                "quality",
                "description",
                "Release gate",
                "rules",
                List.of(
                    Map.of(
                        "type", "metric_threshold",
                        "metric", "test_r2",
                        "direction", "higher",
                        "threshold", 0.8),
                    Map.of(
                        "type",
                        "metric_threshold",
                        "name",
                        "rmse-vs-champion",
                        "metric",
                        "rmse",
                        "direction",
                        "lower",
                        "vs_champion",
                        Map.of("min_improvement", -0.02, "relative", true)),
                    Map.of("type", "guardrail", "kind", "p95_latency_ms", "limit", 250),
                    Map.of(
                        "type",
                        "guardrail",
                        "kind",
                        "cost_per_1k",
                        "metric",
                        "serving_cost",
                        "limit",
                        0.4),
                    Map.of("type", "significance", "metric", "test_r2", "direction", "maximize"))));

    assertThat(gate.name()).isEqualTo("quality");
    assertThat(gate.description()).isEqualTo("Release gate");
    assertThat(gate.rules())
        .containsExactly(
            new MetricThreshold(
                "metric_threshold:test_r2",
                "test_r2",
                Direction.HIGHER_IS_BETTER,
                new ThresholdBound.Absolute(0.8)),
            new MetricThreshold(
                "rmse-vs-champion",
                "rmse",
                Direction.LOWER_IS_BETTER,
                new ThresholdBound.VersusChampion(-0.02, true)),
            new Guardrail("p95_latency_ms", GuardrailKind.P95_LATENCY_MS, "latency_p95_ms", 250),
            new Guardrail(
                "cost_per_1k_predictions",
                GuardrailKind.COST_PER_1K_PREDICTIONS,
                "serving_cost",
                0.4),
            new Significance(
                "significance:test_r2",
                "test_r2",
                Direction.HIGHER_IS_BETTER,
                "seed",
                EnumSet.of(PairedTestKind.PAIRED_T),
                0.05,
                0.95,
                0.0,
                CorrectionMethod.HOLM));
  }

  @Test
  void theSpecificationTreeRoundTripsAndItsDigestIsStable() {
    GateDefinition gate =
        new GateDefinition(
            "g",
            "",
            List.of(
                new Significance(
                    "s",
                    "auc",
                    Direction.HIGHER_IS_BETTER,
                    "fold",
                    EnumSet.of(PairedTestKind.WILCOXON, PairedTestKind.PAIRED_T),
                    0.01,
                    0.99,
                    0.001,
                    CorrectionMethod.BENJAMINI_HOCHBERG),
                new MetricThreshold(
                    "t", "auc", Direction.HIGHER_IS_BETTER, new ThresholdBound.Absolute(0.7))));
    Map<String, Object> tree = GateSpecs.toTree(gate);
    assertThat(GateSpecs.fromTree(tree)).isEqualTo(gate);
    assertThat(GateSpecs.digest(gate))
        .hasSize(64)
        .isEqualTo(GateSpecs.digest(GateSpecs.fromTree(tree)));
    assertThat(GateSpecs.digest(gate))
        .isNotEqualTo(GateSpecs.digest(new GateDefinition("g", "changed", gate.rules())));
  }

  @Test
  void errorsNameThePathOfTheOffendingElement() {
    assertInvalid(Map.of("rules", List.of()), "name", "name: is required.");
    assertInvalid(
        Map.of("name", "g", "rules", List.of()), "rules", "rules: a gate needs at least one rule.");
    assertInvalid(
        Map.of("name", "g", "rule", List.of()),
        "rule",
        "rule: unknown field 'rule'; expected one of");
    assertInvalid(
        gateWith(Map.of("type", "guardrail", "kind", "p95_latency_ms", "limit", "fast")),
        "rules[0].limit",
        "rules[0].limit: expected a finite number, got 'fast'.");
    assertInvalid(
        gateWith(
            Map.of("type", "guardrail", "kind", "safety_score", "limit", 0.9),
            Map.of("type", "guardrail", "kind", "gpu_hours", "limit", 3)),
        "rules[1].kind",
        "rules[1].kind: guardrail kind must be one of");
    assertInvalid(
        gateWith(Map.of("type", "thresholds")),
        "rules[0].type",
        "rules[0].type: unknown rule type 'thresholds'");
    assertInvalid(
        gateWith(
            Map.of("type", "metric_threshold", "metric", "m", "direction", "up", "threshold", 1)),
        "rules[0].direction",
        "rules[0].direction: direction must be 'higher' or 'lower', got 'up'.");
    assertInvalid(
        gateWith(Map.of("type", "metric_threshold", "metric", "m", "direction", "higher")),
        "rules[0]",
        "needs exactly one of 'threshold' and 'vs_champion'");
    assertInvalid(
        gateWith(
            Map.of(
                "type", "metric_threshold",
                "metric", "m",
                "direction", "higher",
                "vs_champion", Map.of("min_improvment", 0))),
        "rules[0].vs_champion.min_improvment",
        "unknown field 'min_improvment'");
    assertInvalid(
        gateWith(
            Map.of("type", "significance", "metric", "m", "direction", "higher", "alpha", 1.5)),
        "rules[0].alpha",
        "rules[0].alpha: must lie strictly between 0 and 1, got 1.5.");
    assertInvalid(
        gateWith(
            Map.of(
                "type",
                "significance",
                "metric",
                "m",
                "direction",
                "higher",
                "tests",
                List.of("paired_t", "mann_whitney"))),
        "rules[0].tests[1]",
        "test must be 'paired_t' or 'wilcoxon'");
    assertInvalid(
        gateWith(
            Map.of("type", "guardrail", "kind", "safety_score", "limit", 0.9),
            Map.of("type", "guardrail", "kind", "safety", "limit", 0.8)),
        "rules[1]",
        "rule name 'safety_score' is already used by rules[0]");
    assertInvalid(List.of(), "", "expected an object, got a list.");
  }

  private static void assertInvalid(Object tree, String path, String message) {
    assertThatThrownBy(() -> GateSpecs.fromTree(tree))
        .isInstanceOfSatisfying(
            InvalidGateException.class, e -> assertThat(e.path()).isEqualTo(path))
        .hasMessageContaining(message);
  }
}
