package dev.mledger.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's release gate (docs/GATES.md): quality (test R² at least 0.8, RMSE at most 25 % worse
 * than the champion), p95 latency and cost per 1000 predictions. It is written next to the demo's
 * data as {@value #FILE_NAME}, evaluated for the first version, and given to the monitor's
 * retraining policy for every retrained one.
 */
final class Gate {
  static final String FILE_NAME = "release-gate.json";
  static final String NAME = "release";

  private Gate() {}

  static Map<String, Object> definition() {
    Map<String, Object> gate = new LinkedHashMap<>();
    gate.put("name", NAME);
    gate.put("description", "Quality, p95 latency and cost before a demo model becomes champion.");
    gate.put(
        "rules",
        List.of(
            Map.of(
                "type", "metric_threshold",
                "metric", "test_r2",
                "direction", "higher",
                "threshold", 0.8),
            Map.of(
                "type", "metric_threshold",
                "name", "rmse-no-worse-than-champion",
                "metric", "test_rmse",
                "direction", "lower",
                "vs_champion", Map.of("min_improvement", -0.25, "relative", true)),
            Map.of("type", "guardrail", "kind", "p95_latency_ms", "limit", 5),
            Map.of("type", "guardrail", "kind", "cost_per_1k_predictions", "limit", 0.001)));
    return gate;
  }

  static void write(Path file) {
    try {
      DemoScenario.writeFile(
          file, DemoApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(definition()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Evaluates the gate for {@code version}; returns the recorded decision. */
  static JsonNode evaluate(DemoContext ctx, String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("gate", definition());
    body.put("model", DemoContext.MODEL);
    body.put("candidate", version);
    return ctx.api().post("/api/v1/gates/evaluate", body).path("decisions").get(0);
  }

  /** Approves the decision as the demo's reviewer and promotes the version to {@code champion}. */
  static void approveAndPromote(DemoContext ctx, String decisionId, String version) {
    ctx.api()
        .post(
            "/api/v1/decisions/" + DemoApi.encode(decisionId) + "/approve",
            Map.of(
                "approver",
                "demo-reviewer",
                "comment",
                "evidence reviewed: quality, latency and cost within limits"));
    ctx.api()
        .post(
            "/api/v1/registry/models/"
                + DemoApi.encode(DemoContext.MODEL)
                + "/versions/"
                + DemoApi.encode(version)
                + "/promote",
            Map.of("alias", "champion", "decision_id", decisionId, "actor", "mledger-demo"));
  }
}
