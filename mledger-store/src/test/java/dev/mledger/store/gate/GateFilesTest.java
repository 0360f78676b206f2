package dev.mledger.store.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.GateSpecs;
import dev.mledger.core.gate.Guardrail;
import dev.mledger.core.gate.Significance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateFilesTest {
  private static final String YAML =
      """
      name: release
      description: Quality, latency and cost before a model becomes champion.
      rules:
        - type: metric_threshold
          metric: test_r2
          direction: higher
          threshold: 0.8
        - type: significance
          metric: test_r2
          direction: higher
          tests: [paired_t, wilcoxon]
          correction: holm
        - type: guardrail
          kind: p95_latency_ms
          limit: 250
      """;

  @Test
  void yamlAndJsonDescribeTheSameGate(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve("gate.yaml");
    Files.writeString(yaml, YAML);
    GateDefinition fromYaml = GateFiles.read(yaml);
    assertThat(fromYaml.rules()).hasSize(3);
    assertThat(fromYaml.rules().get(1)).isInstanceOf(Significance.class);
    assertThat(((Guardrail) fromYaml.rules().get(2)).limit()).isEqualTo(250.0);

    String json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(GateSpecs.toTree(fromYaml));
    assertThat(GateFiles.parse(json, "gate.json")).isEqualTo(fromYaml);
  }

  @Test
  void semanticErrorsPointAtTheLineAndColumn() {
    String bad = YAML.replace("limit: 250", "limit: fast");
    assertInvalid(bad, "gate.yaml:15:5: rules[2].limit: expected a finite number, got 'fast'.");
    assertInvalid(
        YAML.replace("kind: p95_latency_ms", "kind: gpu_hours"),
        "gate.yaml:14:5: rules[2].kind: guardrail kind must be one of");
    assertInvalid(
        YAML.replace("    threshold: 0.8\n", ""),
        "gate.yaml:4:5: rules[0]: a metric_threshold needs exactly one of");
    assertInvalid(
        YAML.replace("correction: holm", "corection: holm"),
        "gate.yaml:12:5: rules[1].corection: unknown field 'corection'");
    assertInvalid(
        "{\"name\": \"g\",\n \"rules\": [{\"type\": \"x\"}]}", "gate.yaml:2:13: rules[0].type");
  }

  @Test
  void syntaxErrorsAndDuplicatesPointAtTheLine() {
    assertInvalid("name: g\nrules: [\n", "gate.yaml:2:9: while parsing a flow node");
    assertInvalid("{\"name\": \"g\", \"name\": \"h\"}", "gate.yaml:1:15: duplicate field 'name'.");
    assertInvalid("name: a\nname: b\nrules: []\n", "gate.yaml:2:1: duplicate field 'name'.");
    assertInvalid("", "gate.yaml: the gate file is empty.");
  }

  @Test
  void aMissingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> GateFiles.read(dir.resolve("absent.yaml")))
        .isInstanceOf(MledgerException.class)
        .hasMessageEndingWith("absent.yaml does not exist.");
  }

  private static void assertInvalid(String text, String messageStart) {
    assertThatThrownBy(() -> GateFiles.parse(text, "gate.yaml"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageStartingWith(messageStart);
  }
}
