package dev.mledger.core.gate;

import static dev.mledger.core.gate.GateFixtures.CANDIDATE_2_R2;
import static dev.mledger.core.gate.GateFixtures.CHAMPION_R2;
import static dev.mledger.core.gate.GateFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.envelope.CanonicalJson;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionDocumentsTest {
  private static final Instant AT = Instant.parse("2024-10-01T12:00:00.123456Z");

  private static GateDecision decision(double[] candidate) {
    GateDefinition gate =
        new GateDefinition(
            "quality",
            "release gate",
            List.of(
                new Significance(
                    "r2",
                    "test_r2",
                    Direction.HIGHER_IS_BETTER,
                    "seed",
                    EnumSet.allOf(PairedTestKind.class),
                    0.05,
                    0.95,
                    0,
                    CorrectionMethod.HOLM),
                new Guardrail("latency", GuardrailKind.P95_LATENCY_MS, "latency_p95_ms", 200)));
    return GateEvaluator.evaluate(
        gate,
        model("2", "test_r2", candidate, Map.of("latency_p95_ms", 120.0)),
        model("1", "test_r2", CHAMPION_R2),
        AT);
  }

  @Test
  void aDecisionSurvivesTheTripThroughCanonicalJson() {
    GateDecision original = decision(CANDIDATE_2_R2);
    String json = DecisionDocuments.canonicalJson(original);

    GateDecision read = DecisionDocuments.fromTree(CanonicalJson.parse(json));

    assertThat(read).isEqualTo(original);
    assertThat(DecisionDocuments.digest(read)).isEqualTo(DecisionDocuments.digest(original));
    assertThat(DecisionDocuments.digest(original))
        .isEqualTo(CanonicalJson.sha256Hex(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(json).contains("\"schema\":\"mledger.gate-decision/1\"").contains("\"passed\":true");
  }

  @Test
  void nonFiniteStatisticsAreWrittenAsStringsAndReadBackEqual() {
    GateDecision degenerate = decision(CHAMPION_R2);
    String json = DecisionDocuments.canonicalJson(degenerate);
    assertThat(json).contains("\"p_value\":\"NaN\"");
    assertThat(DecisionDocuments.fromTree(CanonicalJson.parse(json))).isEqualTo(degenerate);
  }

  @Test
  void theDigestChangesWithAnyEvidence() {
    double[] changed = CANDIDATE_2_R2.clone();
    changed[0] += 1e-12;
    assertThat(DecisionDocuments.digest(decision(changed)))
        .isNotEqualTo(DecisionDocuments.digest(decision(CANDIDATE_2_R2)));
  }

  @Test
  void tamperedDocumentsAreRejected() {
    Map<String, Object> tree =
        new LinkedHashMap<>(DecisionDocuments.toTree(decision(CANDIDATE_2_R2)));
    tree.put("passed", false);
    assertThatThrownBy(() -> DecisionDocuments.fromTree(tree))
        .isInstanceOf(InvalidGateException.class)
        .hasMessage("passed: contradicts the rule outcomes.");

    Map<String, Object> otherGate =
        new LinkedHashMap<>(DecisionDocuments.toTree(decision(CANDIDATE_2_R2)));
    otherGate.put("gate_digest", "0".repeat(64));
    assertThatThrownBy(() -> DecisionDocuments.fromTree(otherGate))
        .hasMessage("gate_digest: does not match the embedded gate.");

    Map<String, Object> unknown =
        new LinkedHashMap<>(DecisionDocuments.toTree(decision(CANDIDATE_2_R2)));
    unknown.put("schema", "other/2");
    assertThatThrownBy(() -> DecisionDocuments.fromTree(unknown))
        .hasMessageContaining("unsupported decision document 'other/2'");
  }
}
