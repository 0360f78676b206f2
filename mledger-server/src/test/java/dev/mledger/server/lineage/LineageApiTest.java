package dev.mledger.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageApiTest {
  static final String RUN_ID = "3f5e83fa-3480-44ff-99c5-ff943904e5e8";
  static final String FACET =
      "\"_producer\": \"https://example.org/p\", \"_schemaURL\": \"https://openlineage.io/s\"";

  @TempDir Path dir;
  RunningServer server;

  @BeforeEach
  void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String event(String type, String time) {
    return "{\"eventType\": \""
        + type
        + "\", \"eventTime\": \""
        + time
        + "\", \"producer\": \"https://example.org/etl\","
        + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
        + " \"run\": {\"runId\": \""
        + RUN_ID
        + "\"}, \"job\": {\"namespace\": \"etl\", \"name\": \"clean\"},"
        + " \"inputs\": [{\"namespace\": \"file\", \"name\": \"/data/raw.csv\", \"facets\":"
        + " {\"schema\": {"
        + FACET
        + ", \"fields\": [{\"name\": \"x\", \"type\": \"DOUBLE\"}]}}}],"
        + " \"outputs\": [{\"namespace\": \"file\", \"name\": \"/data/features.csv\"}]}";
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private JsonNode graph(String nodeId, String extra) {
    HttpResponse<String> r = server.get("/api/v1/lineage?nodeId=" + q(nodeId) + extra);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RunningServer.json(r);
  }

  private static List<String> ids(JsonNode graph) {
    List<String> ids = new ArrayList<>();
    graph.get("graph").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  @Test
  void ingestsEventsIdempotentlyAndAnswersTheMarquezGraph() {
    HttpResponse<String> first =
        server.post("/api/v1/lineage", event("START", "2024-05-01T12:00:00Z"));
    HttpResponse<String> again =
        server.post("/api/v1/lineage", event("START", "2024-05-01T12:00:00Z"));
    server.post("/api/v1/lineage", event("COMPLETE", "2024-05-01T12:05:00Z"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(RunningServer.json(first).get("duplicate").asBoolean()).isFalse();
    assertThat(RunningServer.json(again).get("duplicate").asBoolean()).isTrue();

    JsonNode g = graph("job:etl/clean", "&depth=1");
    assertThat(ids(g))
        .containsExactly(
            "job:etl/clean", "dataset:file//data/raw.csv", "dataset:file//data/features.csv");
    JsonNode job = g.get("graph").get(0);
    assertThat(job.get("type").asText()).isEqualTo("JOB");
    assertThat(job.at("/data/latestRun/eventType").asText()).isEqualTo("COMPLETE");
    assertThat(job.at("/inEdges/0/origin").asText()).isEqualTo("dataset:file//data/raw.csv");
    assertThat(job.at("/outEdges/0/destination").asText())
        .isEqualTo("dataset:file//data/features.csv");
    JsonNode raw = g.get("graph").get(1);
    assertThat(raw.at("/data/facets/schema/fields/0/type").asText()).isEqualTo("DOUBLE");

    JsonNode events = RunningServer.json(server.get("/api/v1/lineage/events?runId=" + RUN_ID));
    assertThat(events.get("events")).hasSize(2);
    assertThat(events.at("/events/1/event/eventType").asText()).isEqualTo("COMPLETE");
  }

  @Test
  void mlflowRunInputsJoinTheGraphAndExplicitEdgesExtendIt() {
    server.post("/api/v1/lineage", event("COMPLETE", "2024-05-01T12:05:00Z"));
    String runId =
        server.store().createRun(new NewRun("0", "alice", 1L, "train", List.of())).info().runId();
    server
        .store()
        .logInputs(
            runId,
            List.of(
                new DatasetInput(
                    List.of(),
                    new Dataset(
                        "features",
                        "abc123",
                        "local",
                        "{\"uri\": \"/data/features.csv\"}",
                        null,
                        null))));
    HttpResponse<String> edge =
        server.post(
            "/api/v1/lineage/edges",
            "{\"from\": \"run:"
                + runId
                + "\", \"to\": \"endpoint:churn\", \"relation\": \"derived\"}");
    assertThat(edge.statusCode()).as(edge.body()).isEqualTo(201);

    JsonNode down = graph("dataset:file//data/raw.csv", "&direction=downstream");
    assertThat(ids(down))
        .containsExactly(
            "dataset:file//data/raw.csv",
            "job:etl/clean",
            "dataset:file//data/features.csv",
            "dataset:file//data/features.csv@abc123",
            "run:" + runId,
            "endpoint:churn");
    JsonNode run = down.get("graph").get(4);
    assertThat(run.at("/data/runName").asText()).isEqualTo("train");
  }

  @Test
  void invalidInputGetsA400WithTheMlflowErrorBody() {
    HttpResponse<String> notJson = server.post("/api/v1/lineage", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(notJson).get("error_code").asText())
        .isEqualTo("MALFORMED_REQUEST");

    HttpResponse<String> badRunId =
        server.post(
            "/api/v1/lineage", event("START", "2024-05-01T12:00:00Z").replace(RUN_ID, "r1"));
    assertThat(badRunId.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(badRunId).get("error_code").asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(RunningServer.json(badRunId).get("message").asText())
        .contains("run.runId must be a UUID");

    HttpResponse<String> badType =
        server.post("/api/v1/lineage", event("DONE", "2024-05-01T12:00:00Z"));
    assertThat(badType.statusCode()).isEqualTo(400);
    assertThat(server.post("/api/v1/lineage", "").statusCode()).isEqualTo(400);
    assertThat(server.post("/api/v1/lineage", "[1, 2]").statusCode()).isEqualTo(400);

    assertThat(server.get("/api/v1/lineage").statusCode()).isEqualTo(400);
    assertThat(server.get("/api/v1/lineage?nodeId=table:x").statusCode()).isEqualTo(400);
    assertThat(server.get("/api/v1/lineage?nodeId=run:x&depth=abc").statusCode()).isEqualTo(400);
    assertThat(server.get("/api/v1/lineage?nodeId=run:x&depth=-1").statusCode()).isEqualTo(400);
    assertThat(server.get("/api/v1/lineage?nodeId=run:x&direction=sideways").statusCode())
        .isEqualTo(400);
    assertThat(server.get("/api/v1/lineage/closure?nodeId=run:x").statusCode()).isEqualTo(400);
    assertThat(server.post("/api/v1/lineage/edges", "{\"from\": \"run:a\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void anUnknownNodeIsAGraphOfItself() {
    JsonNode g = graph("model:nothing/1", "");
    assertThat(ids(g)).containsExactly("model:nothing/1");
    JsonNode closure =
        RunningServer.json(server.get("/api/v1/lineage/closure?nodeId=" + q("model:nothing/1")));
    assertThat(closure.get("datasets")).isEmpty();
    assertThat(closure.get("complete").asBoolean()).isTrue();
  }
}
