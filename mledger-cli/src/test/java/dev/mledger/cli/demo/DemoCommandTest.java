package dev.mledger.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.EmbeddedServer;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mledger demo --no-serve --port 0} end to end, in process; the end state is then read
 * through the HTTP API of a server started again on the demo's data directory.
 */
class DemoCommandTest {
  static DemoRun demo;
  static EmbeddedServer server;
  static dev.mledger.client.MledgerClient client;
  static DemoApi api;

  @TempDir Path temp;

  @BeforeAll
  static void runDemo() {
    demo = DemoRun.shared();
    server = EmbeddedServer.start("127.0.0.1", 0, demo.dataDir, null, null);
    client = dev.mledger.client.MledgerClient.builder().trackingUri(server.baseUrl()).build();
    api = new DemoApi(client);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void printsOneProgressLinePerStepAndTheUiLinks() {
    for (int step = 1; step <= DemoScenario.STEPS; step++) {
      assertThat(demo.out).contains(String.format("[%2d/%d] ", step, DemoScenario.STEPS));
    }
    assertThat(demo.out)
        .contains("Demo finished in ")
        .containsPattern("Open the UI: http://127\\.0\\.0\\.1:\\d+/ui/")
        .containsPattern("/ui/#/compare\\?metric=test_r2&runs=[0-9a-f]{32}(,[0-9a-f]{32}){9}\\b")
        .contains("/ui/#/models/demo-regressor")
        .containsPattern("/ui/#/monitors/[0-9a-f]{32}")
        .contains("/ui/#/lineage?direction=upstream&depth=12&node=model")
        .doesNotContain("Serving until Ctrl-C");
    assertThat(demo.err).doesNotContain("Exception");
  }

  @Test
  void everyRunHasAnEnvelopeAndTheFeaturesVersionAsInput() {
    String experimentId =
        api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=demo-regression")
            .path("experiment")
            .path("experiment_id")
            .asText();
    JsonNode runs =
        api.post(
                "/api/2.0/mlflow/runs/search",
                java.util.Map.of("experiment_ids", List.of(experimentId), "max_results", 1000))
            .path("runs");
    // 4 configs x (parent + 5 seeds), then the retraining's parent + 5 seeds.
    assertThat(runs).hasSize(4 * 6 + 6);
    for (JsonNode run : runs) {
      String runId = run.path("info").path("run_id").asText();
      assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
      JsonNode envelope = api.get("/api/v1/runs/" + runId + "/envelope");
      assertThat(envelope.path("fingerprint").asText()).hasSize(64);
      JsonNode datasets = envelope.path("envelope").path("datasets");
      assertThat(datasets).hasSize(1);
      assertThat(datasets.get(0).path("name").asText()).isEqualTo("demo-features");
      assertThat(run.path("inputs").path("dataset_inputs")).hasSize(1);
    }
  }

  @Test
  void datasetVersionsWithSchemaForEveryPipelineStage() {
    for (String name : List.of("demo-raw", "demo-clean", "demo-features")) {
      JsonNode dataset = api.get("/api/v1/datasets/" + name);
      List<String> versions = new ArrayList<>();
      dataset.path("versions").forEach(v -> versions.add(v.path("version").asText()));
      assertThat(versions).as(name).containsExactlyInAnyOrder("1.0.0", "1.1.0");
    }
    JsonNode profile = api.get("/api/v1/datasets/demo-features/versions/1.0.0/profile");
    List<String> columns = new ArrayList<>();
    profile.path("columns").forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns)
        .containsExactly("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "y");
  }

  @Test
  void gateDecisionsPromotedTheRetrainedVersionAndKeptTheFirstForRollback() {
    JsonNode decisions = api.get("/api/v1/decisions?model=demo-regressor").path("decisions");
    assertThat(decisions).hasSize(2);
    for (JsonNode d : decisions) {
      assertThat(d.path("passed").asBoolean()).isTrue();
      assertThat(d.path("approved").asBoolean()).isTrue();
    }
    JsonNode model =
        api.get("/api/2.0/mlflow/registered-models/get?name=demo-regressor")
            .path("registered_model");
    assertThat(model.path("aliases").get(0).path("alias").asText()).isEqualTo("champion");
    assertThat(model.path("aliases").get(0).path("version").asText()).isEqualTo("2");
    JsonNode plan =
        api.get("/api/v1/registry/models/demo-regressor/rollback-candidates?alias=champion");
    assertThat(plan.path("rollback_version").asText()).isEqualTo("1");
  }

  @Test
  void theShiftRaisedACriticalDriftAlertNamingTheShiftedFeatures() {
    JsonNode monitors = api.get("/api/v1/monitors").path("monitors");
    assertThat(monitors).hasSize(1);
    String id = monitors.get(0).path("id").asText();
    assertThat(monitors.get(0).path("reference").asText()).isEqualTo("dataset:demo-features@1.0.0");
    Set<String> critical = new HashSet<>();
    Set<String> alerted = new HashSet<>();
    for (JsonNode alert : api.get("/api/v1/monitors/" + id + "/alerts").path("alerts")) {
      alerted.add(alert.path("feature").asText());
      if (alert.path("severity").asText().equals("critical")) {
        critical.add(alert.path("feature").asText());
      }
    }
    // Only x0 and x3 move; BH at 1 % keeps the eight stable features quiet.
    assertThat(alerted).containsExactlyInAnyOrder("x0", "x3");
    assertThat(critical).contains("x0");
    List<String> steps = new ArrayList<>();
    api.get("/api/v1/monitors/" + id + "/retrain-steps")
        .path("steps")
        .forEach(s -> steps.add(s.path("step").asText()));
    assertThat(steps)
        .containsSubsequence(
            "triggered", "launched", "finished", "run_linked", "gate_evaluated", "promoted");
  }

  @Test
  void lineageRunsFromTheRawFileToTheEndpoint() {
    JsonNode graph =
        api.get(
                "/api/v1/lineage?nodeId="
                    + DemoApi.encode("endpoint:" + DemoContext.ENDPOINT)
                    + "&direction=upstream&depth=20")
            .path("graph");
    Set<String> ids = new HashSet<>();
    graph.forEach(n -> ids.add(n.path("id").asText()));
    assertThat(ids)
        .contains(
            "model:demo-regressor/1",
            "model:demo-regressor/2",
            "job:mledger-demo/featurize",
            "job:mledger-demo/clean");
    Path data = demo.dataDir.resolve("demo").resolve("data");
    for (String file : List.of("raw.csv", "clean.csv", "features.csv")) {
      String name = LineageEvents.fileName(data.resolve(file));
      assertThat(ids).as(file).anyMatch(id -> id.startsWith("dataset:file/" + name));
    }
    assertThat(ids).anyMatch(id -> id.startsWith("run:"));
  }

  @Test
  void refusesANonEmptyDataDirectoryWithoutForce() throws IOException {
    Files.writeString(temp.resolve("notes.txt"), "mine");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        DemoRun.run(out, err, "demo", "--no-serve", "--port", "0", "--data", temp.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "mledger: --data " + temp + " is not empty; pass --force to run the demo in it anyway");
  }

  @Test
  void aTakenPortIsAOneLineError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          DemoRun.run(
              out,
              err,
              "demo",
              "--no-serve",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--data",
              temp.resolve("fresh").toString());
      assertThat(exit).isEqualTo(1);
      assertThat(err.toString().strip())
          .startsWith("mledger: could not listen on 127.0.0.1:" + taken.getLocalPort())
          .endsWith("choose another port with --port (0 picks a free one)")
          .doesNotContain("\n");
    }
  }
}
