package dev.mledger.server.gate;

import static dev.mledger.server.testing.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.registry.NewModelVersion;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model cards over HTTP carry the lineage graph: the upstream closure along raw → clean → features
 * → run → model, and the endpoints and monitors downstream.
 */
class ModelCardLineageTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  @TempDir Path dir;
  private RunningServer server;

  @BeforeEach
  void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String event(String runId, String job, String input, String output) {
    return "{\"eventType\": \"COMPLETE\", \"eventTime\": \"2024-05-01T12:00:00Z\","
        + " \"producer\": \"https://example.org/etl\","
        + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
        + " \"run\": {\"runId\": \""
        + runId
        + "\"}, \"job\": {\"namespace\": \"etl\", \"name\": \""
        + job
        + "\"}, \"inputs\": [{\"namespace\": \"file\", \"name\": \""
        + input
        + "\"}], \"outputs\": [{\"namespace\": \"file\", \"name\": \""
        + output
        + "\"}]}";
  }

  private HttpResponse<String> card(String version, String format) {
    return server.get(
        "/api/v1/registry/models/churn/versions/" + version + "/card?format=" + format);
  }

  @Test
  void cardStatesTheUpstreamClosureAndDownstreamConsumers() {
    assertThat(
            server
                .post(
                    "/api/v1/lineage",
                    event(
                        "3f1c1e2a-6b7d-4c1e-9a55-0d2e4b6f8a01",
                        "clean",
                        "/data/raw.csv",
                        "/data/clean.csv"))
                .statusCode())
        .isEqualTo(201);
    server.post(
        "/api/v1/lineage",
        event(
            "3f1c1e2a-6b7d-4c1e-9a55-0d2e4b6f8a02",
            "features",
            "/data/clean.csv",
            "/data/features.csv"));
    Stores stores = server.stores();
    String runId =
        stores
            .tracking()
            .createRun(
                new NewRun(
                    "0",
                    "alice",
                    1L,
                    "train",
                    List.of(new RunTag("mlflow.source.git.commit", COMMIT))))
            .info()
            .runId();
    stores
        .tracking()
        .logInputs(
            runId,
            List.of(
                new DatasetInput(
                    List.of(),
                    new Dataset(
                        "features",
                        "d1g35t",
                        "local",
                        "{\"uri\": \"/data/features.csv\"}",
                        null,
                        null))));
    stores.registry().createRegisteredModel("churn", List.of(), "");
    stores
        .registry()
        .createModelVersion(
            new NewModelVersion("churn", "file:///models/1", runId, List.of(), null, "", "alice"));
    HttpResponse<String> edge =
        server.post(
            "/api/v1/lineage/edges",
            "{\"from\": \"model:churn/1\", \"to\": \"endpoint:churn-prod\","
                + " \"relation\": \"deployed\"}");
    assertThat(edge.statusCode()).as(edge.body()).isEqualTo(201);
    HttpResponse<String> monitor =
        server.post(
            "/api/v1/monitors",
            "{\"name\":\"churn-drift\",\"model\":\"churn\",\"version\":\"1\","
                + "\"reference\":\"run:"
                + runId
                + "\",\"features\":[{\"name\":\"x\",\"type\":\"numeric\"}],"
                + "\"reference_rows\":[{\"features\":{\"x\":1}}]}");
    assertThat(monitor.statusCode()).as(monitor.body()).isEqualTo(200);

    JsonNode lineage = json(card("1", "json")).get("lineage");
    assertThat(lineage.get("recorded").asBoolean()).isTrue();
    assertThat(lineage.get("complete").asBoolean()).isTrue();
    List<String> ids = new ArrayList<>();
    lineage.get("upstream").forEach(n -> ids.add(n.get("id").asText()));
    assertThat(ids)
        .containsExactly(
            "artifact:file:///models/1",
            "run:" + runId,
            "code:" + COMMIT,
            "dataset:file//data/features.csv@d1g35t",
            "dataset:file//data/features.csv",
            "job:etl/features",
            "dataset:file//data/clean.csv",
            "job:etl/clean",
            "dataset:file//data/raw.csv");
    JsonNode features = lineage.at("/upstream/3");
    assertThat(features.get("version").asText()).isEqualTo("d1g35t");
    assertThat(features.at("/produced_by/0").asText()).isEqualTo("job:etl/features");
    assertThat(lineage.at("/upstream/1/facts/runName").asText()).isEqualTo("train");
    assertThat(lineage.at("/edges/0/from").asText()).isEqualTo("dataset:file//data/raw.csv");
    assertThat(lineage.at("/downstream/endpoints/0").asText()).isEqualTo("endpoint:churn-prod");
    assertThat(lineage.at("/downstream/monitors/0").asText()).isEqualTo("churn-drift");

    String md = card("1", "md").body();
    assertThat(md)
        .contains("## Lineage\n\n- source run " + runId + "\n")
        .contains("### Upstream dependency closure")
        .contains("| `code:" + COMMIT + "` | code | 2 | `" + COMMIT + "` |")
        .contains("- `dataset:file//data/raw.csv` → `job:etl/clean` (input)\n")
        .contains("- `job:etl/clean` → `dataset:file//data/clean.csv` (output)\n")
        .contains("- `run:" + runId + "` → `model:churn/1` (trained)\n")
        .contains("- Endpoints: `endpoint:churn-prod`\n- Monitors: `churn-drift`\n")
        .doesNotContain("No lineage recorded");
  }

  @Test
  void versionWithoutLineageStillRendersAndSaysSo() {
    // No source run, no artifact location and no recorded edges: the graph knows nothing.
    Stores stores = server.stores();
    stores.registry().createRegisteredModel("churn", List.of(), "");
    stores
        .registry()
        .createModelVersion(new NewModelVersion("churn", "", null, List.of(), null, "", "alice"));

    HttpResponse<String> md = card("1", "md");
    assertThat(md.statusCode()).as(md.body()).isEqualTo(200);
    assertThat(md.body())
        .contains(
            "No lineage recorded: the lineage graph has nothing upstream or downstream of this"
                + " version.");
    JsonNode lineage = json(card("1", "json")).get("lineage");
    assertThat(lineage.get("recorded").asBoolean()).isFalse();
    assertThat(lineage.get("upstream")).isEmpty();
    assertThat(lineage.at("/downstream/endpoints")).isEmpty();
  }
}
