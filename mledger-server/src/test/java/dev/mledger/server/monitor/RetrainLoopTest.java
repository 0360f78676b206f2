package dev.mledger.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.tracking.Metric;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.registry.NewModelVersion;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retraining loop end to end: drift → command → lineage → gate → promoted or kept. */
class RetrainLoopTest {
  @TempDir Path dir;
  private RunningServer server;
  private String runId;

  @BeforeEach
  void start() throws Exception {
    server = RunningServer.sqlite(dir);
    Stores stores = server.stores();
    String experiment = stores.tracking().createExperiment("churn", null, List.of());
    runId =
        stores
            .tracking()
            .createRun(new NewRun(experiment, "alice", 1, "retrain", List.of()))
            .info()
            .runId();
    stores
        .tracking()
        .logBatch(runId, List.of(new Metric("test_r2", 0.9, 1, 0)), List.of(), List.of());
    stores.registry().createRegisteredModel("churn", List.of(), "churn model");
    Path model = Files.createDirectories(dir.resolve("model"));
    stores
        .registry()
        .createModelVersion(
            new NewModelVersion(
                "churn", model.toUri().toString(), runId, List.of(), null, "", "alice"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String monitorWithRetrain(String name, double gateThreshold) {
    return monitorWithRetrain(name, gateThreshold, "");
  }

  private String monitorWithRetrain(String name, double gateThreshold, String policyExtra) {
    StringBuilder reference = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 300; i++) {
      reference
          .append(i == 0 ? "" : ",")
          .append("{\"features\":{\"x\":")
          .append(r.nextGaussian())
          .append("}}");
    }
    String body =
        "{\"name\":\""
            + name
            + "\",\"model\":\"churn\",\"version\":\"1\",\"reference\":\"run:"
            + runId
            + "\","
            + "\"features\":[{\"name\":\"x\",\"type\":\"numeric\"}],\"window\":{\"count\":100},"
            + "\"alert_policy\":{\"rules\":[{\"statistic\":\"p_value\",\"threshold\":0.01,\"severity\":\"critical\"}]},"
            + "\"reference_rows\":["
            + reference
            + "]}";
    String id =
        RunningServer.json(server.post("/api/v1/monitors", body)).get("monitor").get("id").asText();
    String policy =
        "{"
            + policyExtra
            + "\"min_severity\":\"critical\",\"command\":[\"sh\",\"-c\",\"echo mledger.run_id="
            + runId
            + "; echo mledger.model_version=churn/1\"],"
            + "\"gate\":{\"name\":\"release\",\"rules\":[{\"type\":\"metric_threshold\",\"metric\":\"test_r2\","
            + "\"direction\":\"higher\",\"threshold\":"
            + gateThreshold
            + "}]}}";
    HttpResponse<String> set = server.post("/api/v1/monitors/" + id + "/retrain-policy", policy);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    StringBuilder events = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      events
          .append(i == 0 ? "" : ",")
          .append("{\"features\":{\"x\":")
          .append(3 + r.nextGaussian())
          .append("}}");
    }
    assertThat(server.post("/api/v1/monitors/" + id + "/events", events + "]").statusCode())
        .isEqualTo(200);
    return id;
  }

  private JsonNode stepsWhenDone(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode steps;
    do {
      Thread.sleep(100);
      steps =
          RunningServer.json(server.get("/api/v1/monitors/" + id + "/retrain-steps")).get("steps");
    } while (!terminal(steps) && System.nanoTime() < deadline);
    return steps;
  }

  private static boolean terminal(JsonNode steps) {
    for (JsonNode s : steps) {
      String step = s.get("step").asText();
      if (step.equals("promoted")
          || step.equals("kept")
          || step.equals("failed")
          || step.equals("awaiting_approval")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aPassingGatePromotesTheNewVersionToChampion() throws Exception {
    String id = monitorWithRetrain("pass", 0.8);
    JsonNode steps = stepsWhenDone(id);
    assertThat(steps)
        .extracting(s -> s.get("step").asText())
        .containsExactly(
            "triggered", "launched", "finished", "run_linked", "gate_evaluated", "promoted");
    assertThat(steps.get(4).get("detail").get("passed").asBoolean()).isTrue();
    assertThat(server.stores().registry().getModelVersionByAlias("churn", "champion").version())
        .isEqualTo("1");
  }

  @Test
  void aFailingGateKeepsTheChampion() throws Exception {
    String id = monitorWithRetrain("fail", 0.95);
    JsonNode steps = stepsWhenDone(id);
    assertThat(steps)
        .extracting(s -> s.get("step").asText())
        .containsExactly(
            "triggered", "launched", "finished", "run_linked", "gate_evaluated", "kept");
    assertThat(steps.get(4).get("detail").get("passed").asBoolean()).isFalse();
    assertThat(server.stores().registry().getRegisteredModel("churn").aliases()).isEmpty();
  }

  private HttpResponse<String> settle(String attemptId, String verdict, String user)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                server
                    .base()
                    .resolve("/api/v1/monitors/retrain-attempts/" + attemptId + "/" + verdict))
            .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"checked the eval set\"}"));
    if (user != null) {
      request.header("X-Mledger-User", user);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<AuditEntry> audit(String action) {
    return server.stores().audit().list(0, 1000).stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }

  @Test
  void withApprovalRequiredAPassedGateWaitsAndAnApprovalPromotes() throws Exception {
    String id = monitorWithRetrain("approve", 0.8, "\"approval\":\"required\",");
    JsonNode steps = stepsWhenDone(id);
    assertThat(steps)
        .extracting(s -> s.get("step").asText())
        .containsExactly(
            "triggered",
            "launched",
            "finished",
            "run_linked",
            "gate_evaluated",
            "awaiting_approval");
    assertThat(server.stores().registry().getRegisteredModel("churn").aliases()).isEmpty();
    String attempt = steps.get(0).get("attempt_id").asText();
    JsonNode waiting =
        RunningServer.json(server.get("/api/v1/monitors/retrain-attempts/" + attempt))
            .get("attempt");
    assertThat(waiting.get("state").asText()).isEqualTo("awaiting_approval");
    assertThat(waiting.get("monitor_id").asText()).isEqualTo(id);

    HttpResponse<String> anonymous = settle(attempt, "approve", null);
    assertThat(anonymous.statusCode()).isEqualTo(400);
    assertThat(anonymous.body()).contains("needs a user");

    HttpResponse<String> approved = settle(attempt, "approve", "ana");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode after = RunningServer.json(approved).get("attempt");
    assertThat(after.get("state").asText()).isEqualTo("promoted");
    JsonNode approval = after.get("steps").get(6);
    assertThat(approval.get("step").asText()).isEqualTo("approved");
    assertThat(approval.get("detail").get("actor").asText()).isEqualTo("ana");
    assertThat(approval.get("detail").get("comment").asText()).isEqualTo("checked the eval set");
    assertThat(server.stores().registry().getModelVersionByAlias("churn", "champion").version())
        .isEqualTo("1");
    List<AuditEntry> entries = audit("monitor.retrain.approve");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).actor()).isEqualTo("ana");
    assertThat(entries.get(0).subjectId()).isEqualTo(attempt);

    HttpResponse<String> again = settle(attempt, "reject", "bob");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("not awaiting approval");
    assertThat(server.get("/api/v1/monitors/retrain-attempts/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void aRejectionKeepsTheChampionAndIsAudited() throws Exception {
    String id = monitorWithRetrain("reject", 0.8, "\"approval\":\"required\",");
    String attempt = stepsWhenDone(id).get(0).get("attempt_id").asText();
    HttpResponse<String> rejected = settle(attempt, "reject", "bob");
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    assertThat(
            RunningServer.json(server.get("/api/v1/monitors/" + id + "/retrain-steps"))
                .get("steps"))
        .extracting(s -> s.get("step").asText())
        .endsWith("awaiting_approval", "rejected", "kept");
    assertThat(server.stores().registry().getRegisteredModel("churn").aliases()).isEmpty();
    assertThat(audit("monitor.retrain.reject"))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("bob"));
  }

  @Test
  void approvalWithoutAGateOrAnUnknownModeIsRefused() {
    String id = monitorWithRetrain("bad-approval", 0.8);
    HttpResponse<String> noGate =
        server.post(
            "/api/v1/monitors/" + id + "/retrain-policy",
            "{\"min_severity\":\"critical\",\"command\":[\"true\"],\"approval\":\"required\"}");
    assertThat(noGate.statusCode()).isEqualTo(400);
    assertThat(noGate.body()).contains("needs a 'gate'");
    HttpResponse<String> unknown =
        server.post(
            "/api/v1/monitors/" + id + "/retrain-policy",
            "{\"min_severity\":\"critical\",\"command\":[\"true\"],\"approval\":\"maybe\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("'required' or 'automatic'");
  }
}
