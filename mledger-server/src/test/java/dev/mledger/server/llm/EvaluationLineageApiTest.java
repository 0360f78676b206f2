package dev.mledger.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
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

/**
 * Dataset–model–prompt triples over HTTP: OTLP traces of an evaluation, scored, listed at {@code
 * GET /api/v1/llm/evaluations} and walked in the lineage graph ({@code GET /api/v1/lineage}).
 */
class EvaluationLineageApiTest {
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

  private JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningServer.json(response);
  }

  private static String attribute(String key, String value) {
    return "{\"key\": \"" + key + "\", \"value\": {\"stringValue\": \"" + value + "\"}}";
  }

  /** Trace {@code n}: a root span of eval set golden, prompt qa/{@code version}, model bot/3. */
  private void trace(int n, int version, double relevance) {
    String traceId = String.format("%032x", n);
    String json =
        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \""
            + traceId
            + "\", \"spanId\": \"00000000000000a1\", \"name\": \"answer\","
            + " \"startTimeUnixNano\": \""
            + n * 1_000_000_000L
            + "\", \"endTimeUnixNano\": \""
            + (n * 1_000_000_000L + 5_000_000L)
            + "\", \"attributes\": ["
            + attribute("mledger.eval.set", "golden")
            + ","
            + attribute("mledger.eval.example_id", "ex" + n)
            + ","
            + attribute("mledger.prompt.version", "prompts:/qa/" + version)
            + ","
            + attribute("mledger.model.version", "models:/bot/3")
            + "]}]}]}]}";
    assertThat(server.request("POST", "/v1/traces", json, "application/json").statusCode())
        .isEqualTo(200);
    ok(
        server.post(
            "/api/v1/traces/" + traceId + "/scores",
            "{\"name\": \"relevance\", \"value\": "
                + relevance
                + ", \"source\": {\"type\": \"human\", \"name\": \"ann\"}}"));
  }

  private static List<String> ids(JsonNode graph) {
    List<String> ids = new ArrayList<>();
    graph.get("graph").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  @Test
  void evaluatedTriplesAreListedWithScoresAndAreLineageNodes() {
    server.post("/api/v1/prompts", "{\"name\": \"qa\", \"template\": \"v1 {{q}}\"}");
    server.post("/api/v1/prompts/qa/versions", "{\"template\": \"v2 {{q}}\"}");
    trace(1, 1, 0.5);
    trace(2, 2, 0.75);
    trace(3, 2, 0.25);

    JsonNode all = ok(server.get("/api/v1/llm/evaluations"));
    assertThat(all.path("evaluations")).hasSize(2);
    JsonNode v2 = all.path("evaluations").get(1);
    assertThat(v2.path("node_id").asText()).isEqualTo("evaluation:golden/qa@2/models:%2Fbot%2F3");
    assertThat(v2.path("eval_set").asText()).isEqualTo("golden");
    assertThat(v2.path("prompt_version").asText()).isEqualTo("prompts:/qa/2");
    assertThat(v2.path("model").asText()).isEqualTo("models:/bot/3");
    assertThat(v2.path("traces").asInt()).isEqualTo(2);
    assertThat(v2.path("first_start_time_ms").asLong()).isEqualTo(2_000);
    assertThat(v2.path("scores").get(0).path("name").asText()).isEqualTo("relevance");
    assertThat(v2.path("scores").get(0).path("mean").asDouble()).isEqualTo(0.5);

    JsonNode filtered =
        ok(
            server.get(
                "/api/v1/llm/evaluations?prompt_version="
                    + URLEncoder.encode("prompts:/qa/1", StandardCharsets.UTF_8)));
    assertThat(filtered.path("evaluations")).hasSize(1);
    assertThat(ok(server.get("/api/v1/llm/evaluations?eval_set=other")).path("evaluations"))
        .isEmpty();

    JsonNode upstream =
        ok(server.get("/api/v1/lineage?nodeId=model:bot/3&direction=upstream&depth=2"));
    assertThat(ids(upstream))
        .contains(
            "model:bot/3",
            "evaluation:golden/qa@1/models:%2Fbot%2F3",
            "evaluation:golden/qa@2/models:%2Fbot%2F3",
            "prompt:qa/1",
            "prompt:qa/2",
            "dataset:mledger-eval/golden");
    JsonNode prompt =
        ok(server.get("/api/v1/lineage?nodeId=prompt:qa/2&direction=downstream&depth=2"));
    assertThat(ids(prompt))
        .containsExactlyInAnyOrder(
            "prompt:qa/2", "evaluation:golden/qa@2/models:%2Fbot%2F3", "model:bot/3");
    JsonNode closure = ok(server.get("/api/v1/lineage/closure?nodeId=model:bot/3"));
    assertThat(closure.path("prompts").toString()).isEqualTo("[\"prompt:qa/1\",\"prompt:qa/2\"]");
    assertThat(closure.path("evaluations")).hasSize(2);
  }
}
