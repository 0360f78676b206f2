package dev.mledger.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.PromptNames;
import dev.mledger.core.llm.PromptTemplate;
import dev.mledger.core.llm.PromptUri;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.SpanNode;
import dev.mledger.core.llm.SpanStatus;
import dev.mledger.core.llm.TraceSummary;
import dev.mledger.core.llm.TraceTree;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.llm.LlmStore;
import dev.mledger.store.llm.NewPromptVersion;
import dev.mledger.store.llm.NewScore;
import dev.mledger.store.llm.TraceQuery;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The native LLM API (JSON, errors as {@code {"error_code", "message"}}):
 *
 * <ul>
 *   <li>prompts: {@code POST /api/v1/prompts}, {@code GET /api/v1/prompts[?prefix=]}, {@code GET
 *       /api/v1/prompts/{name}}, {@code POST /api/v1/prompts/{name}/versions}, {@code GET
 *       /api/v1/prompts/{name}/versions/{version}}, {@code PUT|DELETE
 *       /api/v1/prompts/{name}/aliases/{alias}}, {@code GET /api/v1/prompts/resolve?uri=}, {@code
 *       POST /api/v1/prompts/render}, {@code POST /api/v1/prompts/compare};
 *   <li>traces: {@code GET /api/v1/traces}, {@code GET /api/v1/traces/aggregate}, {@code GET
 *       /api/v1/traces/{trace_id}} (summary, span tree, scores), {@code POST|GET
 *       /api/v1/traces/{trace_id}/scores};
 *   <li>prices: {@code GET|PUT|DELETE /api/v1/llm/prices}.
 * </ul>
 *
 * See docs/LLM.md for the documents.
 */
public final class LlmApi {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");

  /**
   * Span trees deeper than this are answered flattened ({@code "flattened": true}, spans linked by
   * {@code parent_span_id}): JSON writers and readers limit nesting depth.
   */
  static final int MAX_NESTED_DEPTH = 200;

  private final LlmStore store;

  public LlmApi(LlmStore store) {
    this.store = store;
  }

  public void register(Routes routes) {
    routes.add(HandlerType.POST, "/api/v1/prompts", this::createPrompt);
    routes.add(HandlerType.GET, "/api/v1/prompts", this::listPrompts);
    routes.add(HandlerType.GET, "/api/v1/prompts/resolve", this::resolve);
    routes.add(HandlerType.POST, "/api/v1/prompts/render", this::render);
    routes.add(HandlerType.POST, "/api/v1/prompts/compare", this::compare);
    routes.add(HandlerType.GET, "/api/v1/prompts/{name}", this::getPrompt);
    routes.add(HandlerType.POST, "/api/v1/prompts/{name}/versions", this::createVersion);
    routes.add(HandlerType.GET, "/api/v1/prompts/{name}/versions/{version}", this::getVersion);
    routes.add(HandlerType.PUT, "/api/v1/prompts/{name}/aliases/{alias}", this::setAlias);
    routes.add(HandlerType.DELETE, "/api/v1/prompts/{name}/aliases/{alias}", this::deleteAlias);
    routes.add(HandlerType.GET, "/api/v1/traces", this::listTraces);
    routes.add(HandlerType.GET, "/api/v1/traces/aggregate", this::aggregate);
    routes.add(HandlerType.GET, "/api/v1/traces/{trace_id}", this::getTrace);
    routes.add(HandlerType.POST, "/api/v1/traces/{trace_id}/scores", this::logScore);
    routes.add(HandlerType.GET, "/api/v1/traces/{trace_id}/scores", this::listScores);
    routes.add(HandlerType.GET, "/api/v1/llm/prices", this::listPrices);
    routes.add(HandlerType.GET, "/api/v1/llm/evaluations", this::listEvaluations);
    routes.add(HandlerType.PUT, "/api/v1/llm/prices", this::setPrice);
    routes.add(HandlerType.DELETE, "/api/v1/llm/prices", this::deletePrice);
  }

  // ---- prompts

  private void createPrompt(Context ctx) {
    JsonNode body = body(ctx);
    String name = requiredText(body, "name");
    ObjectNode out = LlmJson.object();
    String template = optionalText(body, "template");
    if (template == null) {
      out.set(
          "prompt", LlmJson.prompt(store.createPrompt(name, optionalText(body, "description"))));
    } else {
      PromptVersion v = store.createPromptVersion(newVersion(name, body));
      out.set("prompt", LlmJson.prompt(store.getPrompt(name)));
      out.set("version", LlmJson.version(v));
    }
    send(ctx, out);
  }

  private void listPrompts(Context ctx) {
    ObjectNode out = LlmJson.object();
    ArrayNode prompts = out.putArray("prompts");
    store.listPrompts(ctx.queryParam("prefix")).forEach(p -> prompts.add(LlmJson.prompt(p)));
    send(ctx, out);
  }

  private void getPrompt(Context ctx) {
    String name = ctx.pathParam("name");
    ObjectNode out = LlmJson.object();
    out.set("prompt", LlmJson.prompt(store.getPrompt(name)));
    ArrayNode versions = out.putArray("versions");
    store.listPromptVersions(name).forEach(v -> versions.add(LlmJson.version(v)));
    send(ctx, out);
  }

  private void createVersion(Context ctx) {
    String name = PromptNames.requireName(ctx.pathParam("name"));
    ObjectNode out = LlmJson.object();
    out.set("version", LlmJson.version(store.createPromptVersion(newVersion(name, body(ctx)))));
    send(ctx, out);
  }

  private static NewPromptVersion newVersion(String name, JsonNode body) {
    return new NewPromptVersion(
        name,
        new PromptTemplate(requiredText(body, "template")),
        optionalText(body, "commit_message"),
        LlmJson.stringMap(body.get("tags"), "tags"),
        optionalText(body, "created_by"),
        optionalText(body, "description"));
  }

  private void getVersion(Context ctx) {
    String name = ctx.pathParam("name");
    int version = version(ctx.pathParam("version"));
    ObjectNode out = LlmJson.object();
    out.set("version", LlmJson.version(store.getPromptVersion(name, version)));
    send(ctx, out);
  }

  private void setAlias(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode version = body.get("version");
    if (version == null || version.isNull()) {
      throw MledgerException.invalidParameter("Missing value for required parameter 'version'.");
    }
    ObjectNode out = LlmJson.object();
    out.set(
        "prompt",
        LlmJson.prompt(
            store.setAlias(
                ctx.pathParam("name"), ctx.pathParam("alias"), version(version.asText()))));
    send(ctx, out);
  }

  private void deleteAlias(Context ctx) {
    ObjectNode out = LlmJson.object();
    out.set(
        "prompt", LlmJson.prompt(store.deleteAlias(ctx.pathParam("name"), ctx.pathParam("alias"))));
    send(ctx, out);
  }

  private void resolve(Context ctx) {
    String uri = ctx.queryParam("uri");
    if (uri == null) {
      throw MledgerException.invalidParameter("Missing value for required parameter 'uri'.");
    }
    ObjectNode out = LlmJson.object();
    out.set("version", LlmJson.version(store.resolve(PromptUri.parse(uri))));
    send(ctx, out);
  }

  private void render(Context ctx) {
    JsonNode body = body(ctx);
    PromptVersion v = store.resolve(PromptUri.parse(requiredText(body, "uri")));
    Map<String, Object> values = new HashMap<>();
    JsonNode variables = body.get("variables");
    if (variables != null && !variables.isNull()) {
      if (!variables.isObject()) {
        throw MledgerException.invalidParameter("'variables' must be an object.");
      }
      variables
          .fields()
          .forEachRemaining(
              e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    }
    ObjectNode out = LlmJson.object();
    out.put("uri", v.uri().toString());
    out.put("text", v.template().render(values));
    send(ctx, out);
  }

  private void compare(Context ctx) {
    JsonNode body = body(ctx);
    send(
        ctx,
        LlmJson.comparison(
            store.comparePromptVersions(
                PromptUri.parse(requiredText(body, "a")),
                PromptUri.parse(requiredText(body, "b")),
                requiredText(body, "eval_set"),
                requiredText(body, "score"))));
  }

  // ---- traces

  private void listTraces(Context ctx) {
    ObjectNode out = LlmJson.object();
    ArrayNode traces = out.putArray("traces");
    for (TraceSummary t : store.listTraces(query(ctx))) {
      traces.add(LlmJson.summary(t));
    }
    send(ctx, out);
  }

  private void aggregate(Context ctx) {
    send(ctx, LlmJson.aggregates(store.aggregate(query(ctx))));
  }

  private void getTrace(Context ctx) {
    String traceId = traceId(ctx);
    TraceSummary summary =
        store
            .getTraceSummary(traceId)
            .orElseThrow(() -> MledgerException.notFound("Trace " + traceId + " does not exist."));
    TraceTree tree = store.getTrace(traceId).orElseThrow();
    ObjectNode out = LlmJson.object();
    out.set("trace", LlmJson.summary(summary));
    ArrayNode roots = out.putArray("spans");
    if (depth(tree) <= MAX_NESTED_DEPTH) {
      tree.roots().forEach(r -> roots.add(LlmJson.spanNode(r)));
    } else {
      // Too deep to nest in JSON: every span in tree order, linked by parent_span_id.
      out.put("flattened", true);
      java.util.Set<String> orphans = new java.util.HashSet<>();
      tree.roots().stream().filter(SpanNode::orphan).forEach(r -> orphans.add(r.span().spanId()));
      tree.spans().forEach(sp -> roots.add(LlmJson.span(sp, orphans.contains(sp.spanId()))));
    }
    ArrayNode scores = out.putArray("scores");
    store.scores(traceId).forEach(s -> scores.add(LlmJson.score(s)));
    send(ctx, out);
  }

  private static int depth(TraceTree tree) {
    int max = 0;
    java.util.Deque<Map.Entry<SpanNode, Integer>> stack = new java.util.ArrayDeque<>();
    tree.roots().forEach(r -> stack.push(Map.entry(r, 1)));
    while (!stack.isEmpty()) {
      Map.Entry<SpanNode, Integer> e = stack.pop();
      max = Math.max(max, e.getValue());
      e.getKey().children().forEach(c -> stack.push(Map.entry(c, e.getValue() + 1)));
    }
    return max;
  }

  private void logScore(Context ctx) {
    String traceId = traceId(ctx);
    JsonNode body = body(ctx);
    JsonNode source = body.get("source");
    if (source == null || !source.isObject()) {
      throw MledgerException.invalidParameter(
          "Missing 'source': {\"type\": \"human|llm_judge|code\", \"name\": ..., \"version\":"
              + " ...}.");
    }
    String spanId = optionalText(body, "span_id");
    NewScore score =
        new NewScore(
            traceId,
            spanId == null ? null : spanId.toLowerCase(Locale.ROOT),
            requiredText(body, "name"),
            scoreValue(body),
            ScoreSource.of(
                optionalText(source, "type"),
                optionalText(source, "name"),
                optionalText(source, "version")),
            optionalText(body, "rationale"));
    ObjectNode out = LlmJson.object();
    out.set("score", LlmJson.score(store.logScore(score)));
    send(ctx, out);
  }

  private void listScores(Context ctx) {
    String traceId = traceId(ctx);
    ObjectNode out = LlmJson.object();
    ArrayNode scores = out.putArray("scores");
    store.scores(traceId).forEach(s -> scores.add(LlmJson.score(s)));
    send(ctx, out);
  }

  /** The value's JSON type decides its kind unless {@code value_type} says otherwise. */
  private static ScoreValue scoreValue(JsonNode body) {
    JsonNode value = body.get("value");
    if (value == null || value.isNull()) {
      throw MledgerException.invalidParameter("Missing value for required parameter 'value'.");
    }
    String type = optionalText(body, "value_type");
    if (type == null) {
      type = value.isNumber() ? "numeric" : value.isBoolean() ? "boolean" : "categorical";
    }
    switch (type) {
      case "numeric":
        if (!value.isNumber()) {
          throw MledgerException.invalidParameter("A numeric score needs a number value.");
        }
        return new ScoreValue.Numeric(value.doubleValue());
      case "boolean":
        if (!value.isBoolean()) {
          throw MledgerException.invalidParameter("A boolean score needs true or false.");
        }
        return new ScoreValue.Bool(value.booleanValue());
      case "categorical":
        if (!value.isTextual()) {
          throw MledgerException.invalidParameter("A categorical score needs a string label.");
        }
        return new ScoreValue.Categorical(value.asText());
      default:
        throw MledgerException.invalidParameter(
            "Unknown value_type '" + type + "': use numeric, categorical or boolean.");
    }
  }

  private static TraceQuery query(Context ctx) {
    String status = ctx.queryParam("status");
    SpanStatus spanStatus = null;
    if (status != null) {
      try {
        spanStatus = SpanStatus.parse(status.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw MledgerException.invalidParameter(
            "Invalid status '" + status + "': use OK, ERROR or UNSET.");
      }
    }
    return new TraceQuery(
        ctx.queryParam("prompt_version"),
        ctx.queryParam("eval_set"),
        ctx.queryParam("service"),
        spanStatus,
        millisAsNanos(ctx, "start_after_ms"),
        millisAsNanos(ctx, "start_before_ms"),
        (int) longParam(ctx, "max_results", TraceQuery.DEFAULT_LIMIT),
        blankAsNull(ctx.queryParam("model")),
        blankAsNull(ctx.queryParam("operation")));
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Long millisAsNanos(Context ctx, String name) {
    return ctx.queryParam(name) == null
        ? null
        : Math.multiplyExact(longParam(ctx, name, 0), 1_000_000L);
  }

  private static long longParam(Context ctx, String name, long defaultValue) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw MledgerException.invalidParameter(
          "Invalid value '" + value + "' for parameter '" + name + "': expected an integer.");
    }
  }

  private static String traceId(Context ctx) {
    String id = ctx.pathParam("trace_id");
    if (!TRACE_ID.matcher(id).matches()) {
      throw MledgerException.invalidParameter(
          "Invalid trace id '" + id + "': expected 32 hex digits.");
    }
    return id.toLowerCase(Locale.ROOT);
  }

  // ---- prices

  /** Dataset–model–prompt triples evaluated together, with their score summaries. */
  private void listEvaluations(Context ctx) {
    ObjectNode out = LlmJson.object();
    ArrayNode evaluations = out.putArray("evaluations");
    store
        .evaluationTriples(
            blankAsNull(ctx.queryParam("eval_set")),
            blankAsNull(ctx.queryParam("prompt_version")),
            blankAsNull(ctx.queryParam("model")))
        .forEach(t -> evaluations.add(LlmJson.MAPPER.valueToTree(t.toMap())));
    send(ctx, out);
  }

  private void listPrices(Context ctx) {
    ObjectNode out = LlmJson.object();
    ArrayNode prices = out.putArray("prices");
    store.prices().prices().forEach(p -> prices.add(LlmJson.price(p)));
    send(ctx, out);
  }

  /**
   * Accepts {@code input_usd_per_million}/{@code output_usd_per_million} or the per-1k form {@code
   * input_usd_per_1k}/{@code output_usd_per_1k}.
   */
  private void setPrice(Context ctx) {
    JsonNode body = body(ctx);
    String model = requiredText(body, "model");
    ModelPrice price;
    if (body.has("input_usd_per_1k") || body.has("output_usd_per_1k")) {
      price =
          ModelPrice.perThousand(
              model, number(body, "input_usd_per_1k"), number(body, "output_usd_per_1k"));
    } else {
      price =
          ModelPrice.perMillion(
              model, number(body, "input_usd_per_million"), number(body, "output_usd_per_million"));
    }
    ObjectNode out = LlmJson.object();
    out.set("price", LlmJson.price(store.setPrice(price)));
    send(ctx, out);
  }

  private void deletePrice(Context ctx) {
    String model = ctx.queryParam("model");
    if (model == null) {
      throw MledgerException.invalidParameter("Missing value for required parameter 'model'.");
    }
    if (!store.deletePrice(model)) {
      throw MledgerException.notFound("No price is set for model '" + model + "'.");
    }
    send(ctx, LlmJson.object());
  }

  // ---- plumbing

  private static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object.");
    }
    JsonNode node;
    try {
      node = LlmJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST,
          "Malformed JSON body: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject()) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object.");
    }
    return node;
  }

  private static String requiredText(JsonNode body, String field) {
    String value = optionalText(body, field);
    if (value == null || value.isEmpty()) {
      throw MledgerException.invalidParameter(
          "Missing value for required parameter '" + field + "'.");
    }
    return value;
  }

  private static String optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw MledgerException.invalidParameter("Parameter '" + field + "' must be a string.");
    }
    return node.asText();
  }

  private static double number(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isNumber()) {
      throw MledgerException.invalidParameter("Parameter '" + field + "' must be a number.");
    }
    return node.doubleValue();
  }

  private static int version(String text) {
    try {
      return PromptNames.requireVersion(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      throw MledgerException.invalidParameter(
          "Invalid prompt version '" + text + "': expected a positive integer.");
    }
  }

  private static void send(Context ctx, ObjectNode body) {
    JsonResponses.send(ctx, 200, JsonResponses.CONTENT_TYPE, body.toString());
  }
}
