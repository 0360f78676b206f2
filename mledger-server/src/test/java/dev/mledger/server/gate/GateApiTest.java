package dev.mledger.server.gate;

import static dev.mledger.server.testing.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.TrackingStore;
import dev.mledger.store.registry.NewModelVersion;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native gate API over HTTP: evaluate, approve, enforced promotion, card and rollback. */
class GateApiTest {
  private static final double[] V1_R2 = {0.801, 0.795, 0.812, 0.790, 0.805, 0.799};
  private static final double[] V2_R2 = {0.815, 0.809, 0.821, 0.802, 0.818, 0.806};
  private static final double[] V3_R2 = {0.800, 0.797, 0.810, 0.791, 0.803, 0.801};
  private static final String GATE =
      """
      {"gate": {"name": "release", "rules": [
        {"type": "metric_threshold", "metric": "test_r2", "direction": "higher", "threshold": 0.75},
        {"type": "significance", "metric": "test_r2", "direction": "higher",
         "tests": ["paired_t", "wilcoxon"]},
        {"type": "guardrail", "kind": "p95_latency_ms", "limit": 250}]},
       "model": "churn", "candidate": "%s"}
      """;

  @TempDir Path dir;
  private RunningServer server;
  private Path artifacts;

  @BeforeEach
  void start() throws Exception {
    server = RunningServer.sqlite(dir);
    artifacts = Files.createDirectories(dir.resolve("models"));
    Stores stores = server.stores();
    String experiment = stores.tracking().createExperiment("churn", null, List.of());
    stores.registry().createRegisteredModel("churn", List.of(), "churn model");
    register(stores, experiment, V1_R2, 120);
    register(stores, experiment, V2_R2, 130);
    register(stores, experiment, V3_R2, 400);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A parent run with six seed children, registered as the next model version. */
  private void register(Stores stores, String experiment, double[] r2, double latency)
      throws Exception {
    TrackingStore tracking = stores.tracking();
    String parent =
        tracking.createRun(new NewRun(experiment, "alice", 1, "parent", List.of())).info().runId();
    double sum = 0;
    for (int seed = 0; seed < r2.length; seed++) {
      String child =
          tracking
              .createRun(
                  new NewRun(
                      experiment,
                      "alice",
                      2,
                      "seed-" + seed,
                      List.of(new RunTag("mlflow.parentRunId", parent))))
              .info()
              .runId();
      tracking.logBatch(
          child,
          List.of(new Metric("test_r2", r2[seed], 3, 0)),
          List.of(new Param("seed", Integer.toString(seed))),
          List.of());
      sum += r2[seed];
    }
    tracking.logBatch(
        parent,
        List.of(
            new Metric("test_r2", sum / r2.length, 3, 0),
            new Metric("latency_p95_ms", latency, 3, 0)),
        List.of(new Param("alpha", "0.1")),
        List.of());
    Path model = Files.createDirectories(artifacts.resolve(parent));
    stores
        .registry()
        .createModelVersion(
            new NewModelVersion(
                "churn", model.toUri().toString(), parent, List.of(), null, "", "alice"));
  }

  private JsonNode evaluate(String version) {
    HttpResponse<String> response = server.post("/api/v1/gates/evaluate", GATE.formatted(version));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("decisions").get(0);
  }

  private HttpResponse<String> promote(String version, String body) {
    return server.post("/api/v1/registry/models/churn/versions/" + version + "/promote", body);
  }

  @Test
  void promotionNeedsAPassingApprovedDecisionUnlessOverridden() {
    // Version 1 is the first champion: comparisons with a champion do not apply.
    JsonNode first = evaluate("1");
    assertThat(first.get("passed").asBoolean()).isTrue();
    assertThat(first.at("/decision/outcomes/1/status").asText()).isEqualTo("not_applicable");

    HttpResponse<String> unapproved = promote("1", "{\"alias\": \"champion\", \"actor\": \"bob\"}");
    assertThat(unapproved.statusCode()).isEqualTo(409);
    assertThat(json(unapproved).get("error_code").asText()).isEqualTo("RESOURCE_CONFLICT");
    assertThat(json(unapproved).get("message").asText()).contains("is not approved yet");

    HttpResponse<String> approved =
        server.post(
            "/api/v1/decisions/" + first.get("id").asText() + "/approve",
            "{\"approver\": \"carol\", \"comment\": \"first release\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).get("authorizes_promotion").asBoolean()).isTrue();

    HttpResponse<String> promoted = promote("1", "{\"alias\": \"champion\", \"actor\": \"bob\"}");
    assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
    assertThat(json(promoted).get("decision_id").asText()).isEqualTo(first.get("id").asText());
    assertThat(json(promoted).get("aliases").toString()).contains("champion");

    // Version 2 beats the champion with significance; version 3 breaks the latency guardrail.
    JsonNode second = evaluate("2");
    assertThat(second.get("passed").asBoolean()).as(second.toString()).isTrue();
    assertThat(second.at("/decision/champion_version").asText()).isEqualTo("1");
    assertThat(second.at("/decision/outcomes/1/evidence/tests/paired_t/p_value").asDouble())
        .isBetween(9.51e-5, 9.53e-5);
    JsonNode third = evaluate("3");
    assertThat(third.get("passed").asBoolean()).isFalse();

    HttpResponse<String> refused = promote("3", "{\"alias\": \"champion\"}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).get("message").asText())
        .contains("did not pass")
        .contains("latency_p95_ms = 400 is not <= 250.");
    HttpResponse<String> cannotApprove =
        server.post(
            "/api/v1/decisions/" + third.get("id").asText() + "/approve",
            "{\"approver\": \"carol\"}");
    assertThat(cannotApprove.statusCode()).isEqualTo(400);
    assertThat(json(cannotApprove).get("error_code").asText()).isEqualTo("INVALID_STATE");

    server.post(
        "/api/v1/decisions/" + second.get("id").asText() + "/approve", "{\"approver\": \"carol\"}");
    assertThat(promote("2", "{\"alias\": \"champion\", \"actor\": \"bob\"}").statusCode())
        .isEqualTo(200);

    // An override is recorded with its reason and actor.
    HttpResponse<String> overridden =
        promote(
            "3",
            "{\"stage\": \"Staging\", \"override\": {\"reason\": \"load test only\", \"actor\": \"dave\"}}");
    assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(200);
    assertThat(json(overridden).at("/override/reason").asText()).isEqualTo("load test only");
    assertThat(json(overridden).get("current_stage").asText()).isEqualTo("Staging");
  }

  @Test
  void aDecisionAgainstAnOldChampionIsStale() {
    String first = evaluate("1").get("id").asText();
    server.post("/api/v1/decisions/" + first + "/approve", "{\"approver\": \"carol\"}");
    String third =
        promote(
                "3",
                "{\"alias\": \"champion\", \"override\": {\"reason\": \"r\", \"actor\": \"a\"}}")
            .body();
    assertThat(third).contains("\"version\":\"3\"");

    HttpResponse<String> stale = promote("1", "{\"alias\": \"champion\"}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).get("message").asText())
        .contains("is now held by version 3; evaluate the gate again.");
  }

  @Test
  void decisionsCardsAndRollback() {
    String first = evaluate("1").get("id").asText();
    server.post("/api/v1/decisions/" + first + "/approve", "{\"approver\": \"carol\"}");
    promote("1", "{\"alias\": \"champion\"}");
    String second = evaluate("2").get("id").asText();
    server.post("/api/v1/decisions/" + second + "/approve", "{\"approver\": \"carol\"}");
    promote("2", "{\"alias\": \"champion\"}");

    JsonNode listed = json(server.get("/api/v1/decisions?model=churn&version=2"));
    assertThat(listed.get("decisions")).hasSize(1);
    JsonNode fetched = json(server.get("/api/v1/decisions/" + second));
    assertThat(fetched.get("digest").asText()).hasSize(64);
    assertThat(server.get("/api/v1/decisions/missing").statusCode()).isEqualTo(404);

    HttpResponse<String> md = server.get("/api/v1/registry/models/churn/versions/2/card?format=md");
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    assertThat(md.body())
        .contains("# Model card: churn version 2")
        .contains("| test_r2 |")
        .contains("(n = 6) | 95% [")
        .contains("### release: PASSED")
        .contains("Approved by carol")
        .contains("No envelope was recorded");
    JsonNode card = json(server.get("/api/v1/registry/models/churn/versions/2/card?format=json"));
    JsonNode r2 = null;
    for (JsonNode metric : card.get("metrics")) {
      if (metric.get("key").asText().equals("test_r2")) {
        r2 = metric;
      }
    }
    assertThat(r2.get("seeds").asInt()).isEqualTo(6);
    assertThat(r2.get("ci_low").asDouble()).isLessThan(r2.get("mean").asDouble());
    assertThat(card.at("/gate_decisions/0/id").asText()).isEqualTo(second);
    assertThat(server.get("/api/v1/registry/models/churn/versions/2/card?format=pdf").statusCode())
        .isEqualTo(400);

    // Without envelopes no version's closure resolves: the refusal names what is missing.
    JsonNode plan =
        json(server.get("/api/v1/registry/models/churn/rollback-candidates?alias=champion"));
    assertThat(plan.get("current_version").asText()).isEqualTo("2");
    assertThat(plan.at("/candidates/0/version").asText()).isEqualTo("1");
    assertThat(plan.at("/candidates/0/resolves").asBoolean()).isFalse();
    HttpResponse<String> refused =
        server.post(
            "/api/v1/registry/models/churn/rollback",
            "{\"alias\": \"champion\", \"actor\": \"ops\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("message").asText())
        .contains("version 1 (envelope ")
        .contains("No reproducibility envelope was recorded.");
  }

  @Test
  void badRequestsAreClearErrors() {
    HttpResponse<String> badGate =
        server.post(
            "/api/v1/gates/evaluate",
            "{\"gate_yaml\": \"name: g\\nrules:\\n  - type: guardrail\\n    kind: p95_latency_ms\\n    limit: fast\\n\","
                + " \"model\": \"churn\", \"candidate\": \"1\"}");
    assertThat(badGate.statusCode()).isEqualTo(400);
    assertThat(json(badGate).get("message").asText())
        .isEqualTo("gate_yaml:5:5: rules[0].limit: expected a finite number, got 'fast'.");
    assertThat(server.post("/api/v1/gates/evaluate", "{\"model\": \"churn\"}").statusCode())
        .isEqualTo(400);
    assertThat(server.post("/api/v1/gates/evaluate", "not json").statusCode()).isEqualTo(400);
    HttpResponse<String> unknownModel =
        server.post("/api/v1/gates/evaluate", GATE.formatted("1").replace("\"churn\"", "\"nope\""));
    assertThat(unknownModel.statusCode()).isEqualTo(404);
    HttpResponse<String> noTarget = promote("1", "{}");
    assertThat(json(noTarget).get("message").asText()).startsWith("Name exactly one target");
  }
}
