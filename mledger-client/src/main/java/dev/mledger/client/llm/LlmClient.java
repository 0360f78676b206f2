package dev.mledger.client.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.Prompt;
import dev.mledger.core.llm.PromptTemplate;
import dev.mledger.core.llm.PromptUri;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.core.llm.TraceSummary;
import dev.mledger.core.llm.TraceTree;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client of the server's LLM API: the prompt registry, evaluation scores, the price table, trace
 * queries, and span logging over OTLP/JSON ({@code POST /v1/traces}).
 *
 * <pre>{@code
 * LlmClient llm = new LlmClient(URI.create("http://127.0.0.1:5000"), System.getenv());
 * llm.registerPrompt("qa", "Answer {{question}}", "first version", Map.of());
 * llm.setAlias("qa", "production", 1);
 * String text = llm.render("prompts:/qa@production", Map.of("question", "Where is my order?"));
 * }</pre>
 *
 * Failures are {@link MledgerException}s carrying the server's error code and message.
 */
public final class LlmClient {
  private final NativeHttp http;

  /**
   * @param trackingUri the server's base URI
   * @param environment where to read credentials from ({@code MLFLOW_TRACKING_USERNAME}/{@code
   *     _PASSWORD} or {@code MLFLOW_TRACKING_TOKEN}), normally {@link System#getenv()}
   */
  public LlmClient(URI trackingUri, Map<String, String> environment) {
    this(
        dev.mledger.client.MledgerClient.builder()
            .trackingUri(trackingUri.toString())
            .environment(environment)
            .build());
  }

  /** Over an existing client's connection, credentials and retry policy. */
  public LlmClient(dev.mledger.client.MledgerClient client) {
    this.http = new NativeHttp(client.nativeApi());
  }

  // ---- prompts

  /** Adds the next version of a prompt, creating the prompt with its first version. */
  public PromptVersion registerPrompt(
      String name, String template, String commitMessage, Map<String, String> tags) {
    ObjectNode body = NativeHttp.JSON.createObjectNode();
    body.put("template", template);
    body.put("commit_message", commitMessage == null ? "" : commitMessage);
    ObjectNode t = body.putObject("tags");
    (tags == null ? Map.<String, String>of() : tags).forEach(t::put);
    return version(
        http.send("POST", "api/v1/prompts/" + NativeHttp.encode(name) + "/versions", body)
            .path("version"));
  }

  public Prompt getPrompt(String name) {
    return prompt(
        http.send("GET", "api/v1/prompts/" + NativeHttp.encode(name), null).path("prompt"));
  }

  /** Every version of a prompt, newest first. */
  public List<PromptVersion> listVersions(String name) {
    List<PromptVersion> versions = new ArrayList<>();
    http.send("GET", "api/v1/prompts/" + NativeHttp.encode(name), null)
        .path("versions")
        .forEach(v -> versions.add(version(v)));
    return versions;
  }

  /** Prompts whose name starts with {@code prefix} ({@code null}: all). */
  public List<Prompt> listPrompts(String prefix) {
    String query = prefix == null ? "" : "?prefix=" + NativeHttp.encode(prefix);
    List<Prompt> prompts = new ArrayList<>();
    http.send("GET", "api/v1/prompts" + query, null)
        .path("prompts")
        .forEach(p -> prompts.add(prompt(p)));
    return prompts;
  }

  /** The version a {@code prompts:/name/3} or {@code prompts:/name@alias} URI designates. */
  public PromptVersion loadPrompt(String uri) {
    PromptUri.parse(uri);
    return version(
        http.send("GET", "api/v1/prompts/resolve?uri=" + NativeHttp.encode(uri), null)
            .path("version"));
  }

  /** Loads the version and fills in its variables; a missing variable fails locally. */
  public String render(String uri, Map<String, ?> variables) {
    return loadPrompt(uri).template().render(variables);
  }

  public Prompt setAlias(String name, String alias, int version) {
    ObjectNode body = NativeHttp.JSON.createObjectNode();
    body.put("version", version);
    return prompt(http.send("PUT", aliasPath(name, alias), body).path("prompt"));
  }

  public Prompt deleteAlias(String name, String alias) {
    return prompt(http.send("DELETE", aliasPath(name, alias), null).path("prompt"));
  }

  private static String aliasPath(String name, String alias) {
    return "api/v1/prompts/" + NativeHttp.encode(name) + "/aliases/" + NativeHttp.encode(alias);
  }

  /** Compares two prompt versions on an evaluation set (see docs/LLM.md). */
  public PromptComparisonReport compare(String uriA, String uriB, String evalSet, String score) {
    ObjectNode body = NativeHttp.JSON.createObjectNode();
    body.put("a", uriA);
    body.put("b", uriB);
    body.put("eval_set", evalSet);
    body.put("score", score);
    JsonNode c = http.send("POST", "api/v1/prompts/compare", body);
    return new PromptComparisonReport(
        c.path("a").asText(),
        c.path("b").asText(),
        c.path("eval_set").asText(),
        c.path("score").asText(),
        c.path("paired_examples").asInt(),
        number(c, "mean_a"),
        number(c, "mean_b"),
        number(c, "mean_delta"),
        number(c, "se"),
        number(c, "t"),
        number(c, "p_value"),
        number(c, "ci_low"),
        number(c, "ci_high"),
        number(c, "wilcoxon_p_value"));
  }

  // ---- traces and scores

  /**
   * Sends spans to {@code POST /v1/traces} as OTLP/JSON (for code without the OpenTelemetry SDK).
   *
   * @return how many spans the server rejected (OTLP partial success); 0 when all were stored
   */
  public long logSpans(List<Span> spans) {
    JsonNode response = http.send("POST", "v1/traces", OtlpJsonEncoder.request(spans));
    JsonNode partial = response.path("partialSuccess");
    return partial.isMissingNode() ? 0 : partial.path("rejectedSpans").asLong();
  }

  /** Attaches a score to a trace, or to one of its spans when {@code spanId} is not null. */
  public Score logScore(
      String traceId,
      String spanId,
      String name,
      ScoreValue value,
      ScoreSource source,
      String rationale) {
    ObjectNode body = NativeHttp.JSON.createObjectNode();
    body.put("name", name);
    if (spanId != null) {
      body.put("span_id", spanId);
    }
    body.put("value_type", value.type());
    if (value instanceof ScoreValue.Numeric n) {
      body.put("value", n.value());
    } else if (value instanceof ScoreValue.Bool b) {
      body.put("value", b.value());
    } else {
      body.put("value", ((ScoreValue.Categorical) value).label());
    }
    ObjectNode s = body.putObject("source");
    s.put("type", source.type());
    if (source instanceof ScoreSource.Human h) {
      s.put("name", h.user());
    } else if (source instanceof ScoreSource.LlmJudge j) {
      s.put("name", j.model());
      s.put("version", j.version());
    } else {
      s.put("name", ((ScoreSource.Code) source).name());
    }
    body.put("rationale", rationale == null ? "" : rationale);
    return score(
        http.send("POST", "api/v1/traces/" + NativeHttp.encode(traceId) + "/scores", body)
            .path("score"));
  }

  public List<Score> scores(String traceId) {
    List<Score> scores = new ArrayList<>();
    http.send("GET", "api/v1/traces/" + NativeHttp.encode(traceId) + "/scores", null)
        .path("scores")
        .forEach(s -> scores.add(score(s)));
    return scores;
  }

  /**
   * Traces, newest first.
   *
   * @param filters query parameters of {@code GET /api/v1/traces}: {@code prompt_version}, {@code
   *     eval_set}, {@code service}, {@code status}, {@code start_after_ms}, {@code
   *     start_before_ms}, {@code max_results}
   */
  public List<TraceSummary> listTraces(Map<String, String> filters) {
    List<TraceSummary> traces = new ArrayList<>();
    http.send("GET", "api/v1/traces" + query(filters), null)
        .path("traces")
        .forEach(t -> traces.add(summary(t)));
    return traces;
  }

  /** Totals over the matching traces (same filters as {@link #listTraces}, without a limit). */
  public TraceAggregates aggregate(Map<String, String> filters) {
    JsonNode a = http.send("GET", "api/v1/traces/aggregate" + query(filters), null);
    return new TraceAggregates(
        a.path("trace_count").asInt(),
        a.path("success_count").asInt(),
        a.path("error_count").asInt(),
        a.path("input_tokens").asLong(),
        a.path("output_tokens").asLong(),
        number(a, "latency_p50_ms"),
        number(a, "latency_p95_ms"),
        number(a, "latency_p99_ms"),
        a.path("cost_usd").asDouble(),
        number(a, "cost_per_trace_usd"),
        number(a, "cost_per_successful_task_usd"),
        a.path("unpriced_traces").asInt());
  }

  /** A stored trace: its summary and its span tree; empty when the server has no such trace. */
  public Optional<StoredTrace> getTrace(String traceId) {
    JsonNode t;
    try {
      t = http.send("GET", "api/v1/traces/" + NativeHttp.encode(traceId), null);
    } catch (MledgerException e) {
      if (e.code() == dev.mledger.core.error.ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
    List<Span> spans = new ArrayList<>();
    String id = t.path("trace").path("trace_id").asText();
    t.path("spans").forEach(root -> flatten(id, root, spans));
    List<Score> scores = new ArrayList<>();
    t.path("scores").forEach(s -> scores.add(score(s)));
    return Optional.of(
        new StoredTrace(summary(t.path("trace")), TraceTree.assemble(spans), scores));
  }

  /** A trace as stored: summary, span tree and scores. */
  public record StoredTrace(TraceSummary summary, TraceTree tree, List<Score> scores) {}

  // ---- prices

  public ModelPrice setPrice(ModelPrice price) {
    ObjectNode body = NativeHttp.JSON.createObjectNode();
    body.put("model", price.model());
    body.put("input_usd_per_million", price.inputUsdPerMillion());
    body.put("output_usd_per_million", price.outputUsdPerMillion());
    http.send("PUT", "api/v1/llm/prices", body);
    return price;
  }

  public List<ModelPrice> prices() {
    List<ModelPrice> prices = new ArrayList<>();
    http.send("GET", "api/v1/llm/prices", null)
        .path("prices")
        .forEach(
            p ->
                prices.add(
                    ModelPrice.perMillion(
                        p.path("model").asText(),
                        p.path("input_usd_per_million").asDouble(),
                        p.path("output_usd_per_million").asDouble())));
    return prices;
  }

  // ---- decoding

  private static String query(Map<String, String> filters) {
    if (filters == null || filters.isEmpty()) {
      return "";
    }
    StringBuilder q = new StringBuilder();
    filters.forEach(
        (k, v) -> {
          if (v != null) {
            q.append(q.length() == 0 ? '?' : '&')
                .append(NativeHttp.encode(k))
                .append('=')
                .append(NativeHttp.encode(v));
          }
        });
    return q.toString();
  }

  private static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.doubleValue();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Prompt prompt(JsonNode p) {
    Map<String, Integer> aliases = new LinkedHashMap<>();
    p.path("aliases").fields().forEachRemaining(e -> aliases.put(e.getKey(), e.getValue().asInt()));
    return new Prompt(
        p.path("name").asText(),
        p.path("description").asText(),
        p.path("latest_version").asInt(),
        aliases,
        p.path("creation_time").asLong(),
        p.path("last_updated_time").asLong());
  }

  static PromptVersion version(JsonNode v) {
    Map<String, String> tags = new LinkedHashMap<>();
    v.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    return new PromptVersion(
        v.path("name").asText(),
        v.path("version").asInt(),
        new PromptTemplate(v.path("template").asText()),
        v.path("commit_message").asText(),
        tags,
        text(v, "created_by"),
        v.path("creation_time").asLong());
  }

  static Score score(JsonNode s) {
    JsonNode value = s.path("value");
    ScoreValue scoreValue =
        switch (s.path("value_type").asText()) {
          case "numeric" -> new ScoreValue.Numeric(value.asDouble());
          case "boolean" -> new ScoreValue.Bool(value.asBoolean());
          default -> new ScoreValue.Categorical(value.asText());
        };
    JsonNode source = s.path("source");
    return new Score(
        s.path("score_id").asText(),
        s.path("trace_id").asText(),
        text(s, "span_id"),
        s.path("name").asText(),
        scoreValue,
        ScoreSource.of(source.path("type").asText(), text(source, "name"), text(source, "version")),
        s.path("rationale").asText(),
        s.path("created_time").asLong());
  }

  static TraceSummary summary(JsonNode t) {
    return new TraceSummary(
        t.path("trace_id").asText(),
        t.path("root_name").asText(),
        t.path("start_time_unix_nano").asLong(),
        t.path("end_time_unix_nano").asLong(),
        t.path("span_count").asInt(),
        SpanStatus.parse(t.path("status").asText()),
        t.path("error_spans").asInt(),
        t.path("input_tokens").asLong(),
        t.path("output_tokens").asLong(),
        number(t, "cost_usd"),
        t.path("unpriced_spans").asInt(),
        text(t, "prompt_version"),
        text(t, "eval_set"),
        text(t, "eval_example_id"),
        text(t, "service_name"));
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String traceId, JsonNode node, List<Span> out) {
    List<Map<String, Object>> events = new ArrayList<>();
    node.path("events").forEach(e -> events.add(NativeHttp.JSON.convertValue(e, Map.class)));
    out.add(
        new Span(
            traceId,
            node.path("span_id").asText(),
            text(node, "parent_span_id"),
            node.path("name").asText(),
            SpanKind.parse(node.path("kind").asText()),
            node.path("start_time_unix_nano").asLong(),
            node.path("end_time_unix_nano").asLong(),
            SpanStatus.parse(node.path("status").asText()),
            node.path("status_message").asText(""),
            NativeHttp.JSON.convertValue(node.path("attributes"), Map.class),
            NativeHttp.JSON.convertValue(node.path("resource"), Map.class),
            events));
    node.path("children").forEach(child -> flatten(traceId, child, out));
  }
}
