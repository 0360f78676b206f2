package dev.mledger.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/traces and /traces/aggregate filtered by the model or operation of any span. */
class TraceFilterApiTest {
  @TempDir Path dir;
  private RunningServer server;

  @BeforeEach
  void start() {
    server = RunningServer.sqlite(dir);
    // Trace 1: an agent whose child chat span asked gpt-4o and got a dated model back.
    send(1, "a1", null, "agent", "");
    send(
        1,
        "b1",
        "a1",
        "chat",
        attr("gen_ai.operation.name", "chat")
            + ","
            + attr("gen_ai.request.model", "gpt-4o")
            + ","
            + attr("gen_ai.response.model", "gpt-4o-2024-08-06"));
    // Trace 2: an embeddings call.
    send(
        2,
        "c1",
        null,
        "embed",
        attr("gen_ai.operation.name", "embeddings")
            + ","
            + attr("gen_ai.request.model", "text-embedding-3-small"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listAndAggregateFilterByModelAndOperation() {
    assertThat(traces("")).hasSize(2);
    assertThat(traces("?model=gpt-4o")).containsExactly(id(1));
    assertThat(traces("?model=gpt-4o-2024-08-06")).containsExactly(id(1));
    assertThat(traces("?model=gpt-4")).isEmpty();
    assertThat(traces("?operation=embeddings")).containsExactly(id(2));
    assertThat(traces("?operation=chat&model=text-embedding-3-small")).isEmpty();
    // A blank filter (an empty form field) does not filter.
    assertThat(traces("?model=&operation=")).hasSize(2);

    JsonNode aggregate = ok(server.get("/api/v1/traces/aggregate?operation=chat"));
    assertThat(aggregate.get("trace_count").asInt()).isEqualTo(1);
  }

  private List<String> traces(String query) {
    List<String> ids = new ArrayList<>();
    ok(server.get("/api/v1/traces" + query))
        .get("traces")
        .forEach(t -> ids.add(t.get("trace_id").asText()));
    return ids;
  }

  private static String id(int n) {
    return String.format("%032x", n);
  }

  private static String attr(String key, String value) {
    return "{\"key\": \"" + key + "\", \"value\": {\"stringValue\": \"" + value + "\"}}";
  }

  private void send(int trace, String span, String parent, String name, String attributes) {
    String json =
        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \""
            + id(trace)
            + "\", \"spanId\": \"00000000000000"
            + span
            + "\","
            + (parent == null ? "" : " \"parentSpanId\": \"00000000000000" + parent + "\",")
            + " \"name\": \""
            + name
            + "\", \"startTimeUnixNano\": \""
            + trace * 1_000_000_000L
            + "\", \"endTimeUnixNano\": \""
            + (trace * 1_000_000_000L + 5_000_000L)
            + "\", \"attributes\": ["
            + attributes
            + "]}]}]}]}";
    HttpResponse<String> response = server.request("POST", "/v1/traces", json, "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningServer.json(response);
  }
}
