package dev.mledger.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.tracking.Metric;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.registry.NewModelVersion;
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
        "{\"min_severity\":\"critical\",\"command\":[\"sh\",\"-c\",\"echo mledger.run_id="
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
      if (step.equals("promoted") || step.equals("kept") || step.equals("failed")) {
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
}
