package dev.mledger.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native prompt, score, price and comparison API over HTTP. */
class LlmApiTest {
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

  private JsonNode error(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = RunningServer.json(response);
    assertThat(body.path("error_code").asText()).isEqualTo(code);
    return body;
  }

  @Test
  void promptLifecycleWithVersionsAliasesAndUris() {
    JsonNode created =
        ok(
            server.post(
                "/api/v1/prompts",
                "{\"name\": \"qa\", \"description\": \"support answers\","
                    + " \"template\": \"Answer {{question}} for {{ customer }}\","
                    + " \"commit_message\": \"initial\", \"tags\": {\"team\": \"support\"}}"));
    assertThat(created.path("version").path("uri").asText()).isEqualTo("prompts:/qa/1");
    assertThat(created.path("version").path("variables").toString())
        .isEqualTo("[\"question\",\"customer\"]");
    JsonNode v2 =
        ok(
            server.post(
                "/api/v1/prompts/qa/versions",
                "{\"template\": \"Briefly answer {{question}}\", \"commit_message\": \"shorter\"}"));
    assertThat(v2.path("version").path("version").asInt()).isEqualTo(2);

    ok(
        server.request(
            "PUT",
            "/api/v1/prompts/qa/aliases/production",
            "{\"version\": 1}",
            "application/json"));
    JsonNode prompt = ok(server.get("/api/v1/prompts/qa"));
    assertThat(prompt.path("prompt").path("aliases").path("production").asInt()).isEqualTo(1);
    assertThat(prompt.path("prompt").path("latest_version").asInt()).isEqualTo(2);
    assertThat(prompt.path("versions")).hasSize(2);

    JsonNode resolved = ok(server.get("/api/v1/prompts/resolve?uri=prompts:/qa@production"));
    assertThat(resolved.path("version").path("commit_message").asText()).isEqualTo("initial");
    assertThat(
            ok(server.get("/api/v1/prompts/resolve?uri=prompts:/qa@latest"))
                .path("version")
                .path("version")
                .asInt())
        .isEqualTo(2);
    JsonNode rendered =
        ok(
            server.post(
                "/api/v1/prompts/render",
                "{\"uri\": \"prompts:/qa@production\", \"variables\": {\"question\": \"Where?\","
                    + " \"customer\": \"Ann\"}}"));
    assertThat(rendered.path("text").asText()).isEqualTo("Answer Where? for Ann");
    assertThat(ok(server.get("/api/v1/prompts")).path("prompts")).hasSize(1);

    ok(server.request("DELETE", "/api/v1/prompts/qa/aliases/production", null, null));
    error(
        server.get("/api/v1/prompts/resolve?uri=prompts:/qa@production"),
        404,
        "RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void badPromptInputIsAClearError() {
    error(
        server.post("/api/v1/prompts/render", "{\"uri\": \"prompts:/nope/1\"}"),
        404,
        "RESOURCE_DOES_NOT_EXIST");
    server.post("/api/v1/prompts", "{\"name\": \"p\", \"template\": \"Hi {{name}}\"}");
    JsonNode missing =
        error(
            server.post("/api/v1/prompts/render", "{\"uri\": \"prompts:/p/1\", \"variables\": {}}"),
            400,
            "INVALID_PARAMETER_VALUE");
    assertThat(missing.path("message").asText()).contains("Missing value for prompt variable name");
    error(
        server.post("/api/v1/prompts/p/versions", "{\"template\": \"{{oops\"}"),
        400,
        "INVALID_PARAMETER_VALUE");
    error(server.post("/api/v1/prompts", "{\"name\": \"p\"}"), 400, "RESOURCE_ALREADY_EXISTS");
    error(server.post("/api/v1/prompts", "not json"), 400, "MALFORMED_REQUEST");
    error(server.get("/api/v1/prompts/resolve?uri=models:/m/1"), 400, "INVALID_PARAMETER_VALUE");
    error(
        server.request(
            "PUT", "/api/v1/prompts/p/aliases/latest", "{\"version\": 1}", "application/json"),
        400,
        "INVALID_PARAMETER_VALUE");
    error(server.get("/api/v1/prompts/p/versions/zero"), 400, "INVALID_PARAMETER_VALUE");
    error(server.get("/api/v1/traces/xyz"), 400, "INVALID_PARAMETER_VALUE");
    error(server.get("/api/v1/traces/" + "a".repeat(32)), 404, "RESOURCE_DOES_NOT_EXIST");
    error(server.get("/api/v1/traces?max_results=0"), 400, "INVALID_PARAMETER_VALUE");
    error(server.get("/api/v1/traces?status=MAYBE"), 400, "INVALID_PARAMETER_VALUE");
  }

  private void trace(int n, String example, int version) {
    String json =
        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \""
            + String.format("%032x", n)
            + "\", \"spanId\": \"00000000000000a1\", \"name\": \"answer\","
            + " \"startTimeUnixNano\": \""
            + n * 1_000_000_000L
            + "\", \"endTimeUnixNano\": \""
            + (n * 1_000_000_000L + 5_000_000L * n)
            + "\", \"attributes\": ["
            + "{\"key\": \"mledger.eval.set\", \"value\": {\"stringValue\": \"golden\"}},"
            + "{\"key\": \"mledger.eval.example_id\", \"value\": {\"stringValue\": \""
            + example
            + "\"}},"
            + "{\"key\": \"mledger.prompt.version\", \"value\": {\"stringValue\": \"prompts:/qa/"
            + version
            + "\"}}]}]}]}]}";
    assertThat(server.request("POST", "/v1/traces", json, "application/json").statusCode())
        .isEqualTo(200);
  }

  @Test
  void scoresAndPairedComparisonOfTwoPromptVersions() {
    server.post("/api/v1/prompts", "{\"name\": \"qa\", \"template\": \"v1 {{q}}\"}");
    server.post("/api/v1/prompts/qa/versions", "{\"template\": \"v2 {{q}}\"}");
    double[] a = {0.8, 0.6, 0.9, 0.7, 0.75, 0.95};
    double[] b = {0.7, 0.65, 0.6, 0.5, 0.7, 0.8};
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      for (int v = 1; v <= 2; v++) {
        trace(++n, "ex" + i, v);
        String traceId = String.format("%032x", n);
        ok(
            server.post(
                "/api/v1/traces/" + traceId + "/scores",
                "{\"name\": \"relevance\", \"value\": "
                    + (v == 2 ? a[i] : b[i])
                    + ", \"source\": {\"type\": \"llm_judge\", \"name\": \"gpt-4o\","
                    + " \"version\": \"2024-08-06\"}, \"rationale\": \"on topic\"}"));
      }
    }
    JsonNode scores = ok(server.get("/api/v1/traces/" + String.format("%032x", 1) + "/scores"));
    assertThat(scores.path("scores").get(0).path("source").path("version").asText())
        .isEqualTo("2024-08-06");
    JsonNode flag =
        ok(
            server.post(
                "/api/v1/traces/" + String.format("%032x", 1) + "/scores",
                "{\"name\": \"safe\", \"span_id\": \"00000000000000A1\", \"value\": true,"
                    + " \"source\": {\"type\": \"code\", \"name\": \"guardrail\"}}"));
    assertThat(flag.path("score").path("value_type").asText()).isEqualTo("boolean");
    error(
        server.post(
            "/api/v1/traces/" + String.format("%032x", 1) + "/scores",
            "{\"name\": \"x\", \"value\": 1, \"source\": {\"type\": \"llm_judge\", \"name\": \"m\"}}"),
        400,
        "INVALID_PARAMETER_VALUE");

    JsonNode c =
        ok(
            server.post(
                "/api/v1/prompts/compare",
                "{\"a\": \"prompts:/qa@latest\", \"b\": \"prompts:/qa/1\", \"eval_set\": \"golden\","
                    + " \"score\": \"relevance\"}"));
    assertThat(c.path("a").asText()).isEqualTo("prompts:/qa/2");
    assertThat(c.path("paired_examples").asInt()).isEqualTo(6);
    // scipy.stats.ttest_rel(a, b): t = 2.5210974204480534, p = 0.05310349175179787
    assertThat(c.path("t").asDouble())
        .isCloseTo(2.5210974204480534, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.path("p_value").asDouble())
        .isCloseTo(0.05310349175179787, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.path("wilcoxon_p_value").asDouble())
        .isCloseTo(0.09375, org.assertj.core.data.Offset.offset(1e-12));

    JsonNode stats = ok(server.get("/api/v1/traces/aggregate?prompt_version=prompts:/qa/2"));
    assertThat(stats.path("trace_count").asInt()).isEqualTo(6);
    assertThat(stats.path("cost_per_trace_usd").isNull()).isTrue();
    JsonNode listed = ok(server.get("/api/v1/traces?eval_set=golden&max_results=3"));
    assertThat(listed.path("traces")).hasSize(3);
  }

  @Test
  void priceTableIsConfigurablePerThousandOrPerMillion() {
    ok(
        server.request(
            "PUT",
            "/api/v1/llm/prices",
            "{\"model\": \"gpt-4o-mini\", \"input_usd_per_1k\": 0.00015, \"output_usd_per_1k\": 0.0006}",
            "application/json"));
    JsonNode prices = ok(server.get("/api/v1/llm/prices"));
    assertThat(prices.path("prices").get(0).path("input_usd_per_million").asDouble())
        .isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-12));
    error(
        server.request(
            "PUT",
            "/api/v1/llm/prices",
            "{\"model\": \"m\", \"input_usd_per_million\": -1," + " \"output_usd_per_million\": 1}",
            "application/json"),
        400,
        "INVALID_PARAMETER_VALUE");
    ok(server.request("DELETE", "/api/v1/llm/prices?model=gpt-4o-mini", null, null));
    error(
        server.request("DELETE", "/api/v1/llm/prices?model=gpt-4o-mini", null, null),
        404,
        "RESOURCE_DOES_NOT_EXIST");
  }
}
