package dev.mledger.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.LocalContentStore;
import dev.mledger.store.dataset.NewDatasetVersion;
import dev.mledger.store.dataset.Snapshot;
import dev.mledger.store.dataset.Snapshotter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference profiles built on the server from a dataset version or a run's evaluation data. */
class MonitorReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 800;

  @TempDir Path dir;
  private Stores stores;
  private LocalContentStore blobs;
  private MledgerServer server;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    stores =
        Stores.open(
            "sqlite:///" + dir.resolve("mledger.db"), dir.resolve("artifacts").toUri().toString());
    blobs = new LocalContentStore(dir.resolve("datasets/blobs"));
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, stores, "file:///tmp/artifacts", "test", null, blobs));
    base = URI.create("http://127.0.0.1:" + server.start());
  }

  @AfterEach
  void stop() {
    server.stop();
    stores.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A CSV with numeric x (N(shift, 1)), categorical color and a prediction column. */
  private static String csv(double shift, long seed) {
    Random r = new Random(seed);
    StringBuilder out = new StringBuilder("id,x,color,prediction\n");
    for (int i = 0; i < ROWS; i++) {
      out.append(i)
          .append(',')
          .append(shift + r.nextGaussian())
          .append(',')
          .append(r.nextBoolean() ? "red" : "blue")
          .append(',')
          .append(r.nextBoolean() ? "a" : "b")
          .append('\n');
    }
    return out.toString();
  }

  private void addDataset(String name, String version, Path source) {
    Snapshot s = new Snapshotter(blobs, 1).snapshot(source, n -> {});
    stores
        .datasets()
        .add(
            new NewDatasetVersion(
                name,
                SemanticVersion.parse(version),
                VersionBump.MINOR,
                s.kind(),
                s.path(),
                s.manifest(),
                new Provenance(null, null, null, null, null, "t"),
                List.of(),
                null),
            "t");
  }

  private Path write(String relative, String content) throws Exception {
    Path file = dir.resolve("src").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static ObjectNode monitor(String name, ObjectNode reference) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name).put("model", "churn");
    body.set("reference", reference);
    var features = body.putArray("features");
    features.addObject().put("name", "x").put("type", "numeric");
    features.addObject().put("name", "color").put("type", "categorical");
    body.put("prediction_type", "categorical");
    body.putObject("window").put("count", 200);
    return body;
  }

  private static ObjectNode dataset(String ref) {
    return JSON.createObjectNode().put("dataset", ref);
  }

  private JsonNode created(ObjectNode body) throws Exception {
    HttpResponse<String> response = send("POST", "/api/v1/monitors", body.toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("monitor");
  }

  private String refused(String method, String path, ObjectNode body) throws Exception {
    HttpResponse<String> response = send(method, path, body.toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    return error.get("message").asText();
  }

  private JsonNode reportAfterShiftedEvents(String id) throws Exception {
    StringBuilder events = new StringBuilder("[");
    Random r = new Random(9);
    for (int i = 0; i < 200; i++) {
      events
          .append(i == 0 ? "" : ",")
          .append("{\"features\":{\"x\":")
          .append(3 + r.nextGaussian())
          .append(",\"color\":\"red\"},\"prediction\":\"a\"}");
    }
    assertThat(send("POST", "/api/v1/monitors/" + id + "/events", events + "]").statusCode())
        .isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode reports =
          JSON.readTree(send("GET", "/api/v1/monitors/" + id + "/reports", null).body())
              .get("reports");
      if (reports.size() == 1) {
        return reports.get(0);
      }
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aDatasetVersionBecomesTheReferenceProfileAndTheMonitorsUpstream() throws Exception {
    addDataset("customers", "1.0.0", write("customers.csv", csv(0, 1)));
    JsonNode m = created(monitor("churn-prod", dataset("customers@1.0.0")));
    assertThat(m.get("reference").asText()).isEqualTo("dataset:customers@1.0.0");
    assertThat(m.get("reference_source").get("dataset").asText()).isEqualTo("customers@1.0.0");

    JsonNode report = reportAfterShiftedEvents(m.get("id").asText());
    JsonNode x = report.get("features").get(0);
    assertThat(x.get("feature").asText()).isEqualTo("x");
    assertThat(x.get("reference_count").asLong()).isEqualTo(ROWS);
    assertThat(x.get("drifted").asBoolean()).isTrue();
    JsonNode color = report.get("features").get(1);
    assertThat(color.get("reference_count").asLong()).isEqualTo(ROWS);
    assertThat(report.get("prediction").get("reference_count").asLong()).isEqualTo(ROWS);

    String lineage =
        send(
                "GET",
                "/api/v1/lineage?direction=upstream&nodeId="
                    + URLEncoder.encode("job:mledger.monitor/churn-prod", StandardCharsets.UTF_8),
                null)
            .body();
    assertThat(lineage).contains("dataset:mledger/customers@1.0.0");
  }

  @Test
  void aDirectorySnapshotNeedsTheFileNamedAndItsColumnsMustFit() throws Exception {
    write("tables/a.csv", csv(0, 1));
    write("tables/b.csv", csv(0, 2).replace("x,color", "x,colour"));
    write("tables/README.txt", "two tables");
    addDataset("tables", "1.0.0", dir.resolve("src/tables"));

    assertThat(refused("POST", "/api/v1/monitors", monitor("m", dataset("tables@1.0.0"))))
        .contains("holds several tables; name one with 'file'")
        .contains("a.csv")
        .contains("b.csv");
    assertThat(
            refused(
                "POST",
                "/api/v1/monitors",
                monitor("m", dataset("tables@1.0.0").put("file", "c.csv"))))
        .contains("Dataset tables@1.0.0 has no file 'c.csv'");
    assertThat(
            refused(
                "POST",
                "/api/v1/monitors",
                monitor("m", dataset("tables@1.0.0").put("file", "b.csv"))))
        .contains("column 'color' not found in tables@1.0.0:b.csv");
    assertThat(refused("POST", "/api/v1/monitors", monitor("m", dataset("nope@1.0.0"))))
        .isEqualTo("The reference dataset nope@1.0.0 does not exist.");
    assertThat(refused("POST", "/api/v1/monitors", monitor("m", dataset("tables"))))
        .contains("must pin a version");

    ObjectNode numericColor = monitor("m", dataset("tables@1.0.0").put("file", "a.csv"));
    ((ObjectNode) numericColor.get("features").get(1)).put("type", "numeric");
    assertThat(refused("POST", "/api/v1/monitors", numericColor))
        .contains("Column 'color' of tables@1.0.0:a.csv is categorical")
        .contains("feature is numeric");

    ObjectNode both = monitor("m", dataset("tables@1.0.0").put("file", "a.csv"));
    both.putArray("reference_rows").addObject().putObject("features").put("x", 1);
    assertThat(refused("POST", "/api/v1/monitors", both)).contains("not both");

    JsonNode m = created(monitor("m", dataset("tables@1.0.0").put("file", "a.csv")));
    assertThat(m.get("reference_source").get("file").asText()).isEqualTo("a.csv");
  }

  @Test
  void aRunsEvaluationArtifactIsAReferenceToo() throws Exception {
    String experiment = stores.tracking().createExperiment("eval", null, List.of());
    var run = stores.tracking().createRun(new NewRun(experiment, "alice", 1, "eval", List.of()));
    Path artifacts = Path.of(URI.create(run.info().artifactUri()));
    Files.createDirectories(artifacts.resolve("eval"));
    Files.writeString(
        artifacts.resolve("eval/eval.csv"), csv(0, 3).replace(",prediction", ",pred"));
    String runId = run.info().runId();

    ObjectNode source =
        JSON.createObjectNode()
            .put("run", runId)
            .put("artifact", "eval/eval.csv")
            .put("prediction_column", "pred");
    JsonNode m = created(monitor("from-run", source));
    assertThat(m.get("reference").asText()).isEqualTo("run:" + runId);
    JsonNode report = reportAfterShiftedEvents(m.get("id").asText());
    assertThat(report.get("prediction").get("reference_count").asLong()).isEqualTo(ROWS);

    assertThat(
            refused(
                "POST",
                "/api/v1/monitors",
                monitor("m2", JSON.createObjectNode().put("run", runId).put("artifact", "x.csv"))))
        .isEqualTo("Run '" + runId + "' has no artifact 'x.csv'.");
    assertThat(
            refused(
                "POST",
                "/api/v1/monitors",
                monitor("m2", JSON.createObjectNode().put("run", "nope").put("artifact", "x.csv"))))
        .isEqualTo("The reference run 'nope' does not exist.");
    assertThat(
            refused(
                "POST",
                "/api/v1/monitors",
                monitor("m2", JSON.createObjectNode().put("run", runId).put("artifact", "../x"))))
        .contains("relative path inside the run's artifacts");
    // Without the default 'prediction' column, predictions are simply not compared.
    ObjectNode noPrediction =
        JSON.createObjectNode().put("run", runId).put("artifact", "eval/eval.csv");
    created(monitor("m3", noPrediction));
  }

  @Test
  void theReferenceIsReplacedForLaterWindows() throws Exception {
    addDataset("customers", "1.0.0", write("v1/customers.csv", csv(0, 1)));
    addDataset("customers", "2.0.0", write("v2/customers.csv", csv(3, 2)));
    String id = created(monitor("m", dataset("customers@1.0.0"))).get("id").asText();

    HttpResponse<String> replaced =
        send("PUT", "/api/v1/monitors/" + id + "/reference", dataset("customers@2.0.0").toString());
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(JSON.readTree(replaced.body()).get("monitor").get("reference").asText())
        .isEqualTo("dataset:customers@2.0.0");
    // The shifted traffic matches the new reference: x no longer drifts.
    JsonNode report = reportAfterShiftedEvents(id);
    assertThat(report.get("features").get(0).get("drifted").asBoolean()).isFalse();
    assertThat(refused("PUT", "/api/v1/monitors/" + id + "/reference", dataset("customers@9.0.0")))
        .contains("does not exist");
    assertThat(
            send("PUT", "/api/v1/monitors/nope/reference", dataset("customers@2.0.0").toString())
                .statusCode())
        .isEqualTo(404);
  }
}
