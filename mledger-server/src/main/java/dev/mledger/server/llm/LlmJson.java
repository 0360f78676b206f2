package dev.mledger.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.Prompt;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.PromptVersionComparison;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanNode;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.core.llm.TraceSummary;
import dev.mledger.core.stats.PairedComparison;
import java.util.List;
import java.util.Map;

/** The native LLM API's JSON documents (snake_case fields, times in epoch ms or ns as named). */
final class LlmJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private LlmJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ObjectNode prompt(Prompt p) {
    ObjectNode o = object();
    o.put("name", p.name());
    o.put("description", p.description());
    o.put("latest_version", p.latestVersion());
    ObjectNode aliases = o.putObject("aliases");
    p.aliases().forEach(aliases::put);
    o.put("creation_time", p.creationTime());
    o.put("last_updated_time", p.lastUpdatedTime());
    return o;
  }

  static ObjectNode version(PromptVersion v) {
    ObjectNode o = object();
    o.put("name", v.name());
    o.put("version", v.version());
    o.put("uri", v.uri().toString());
    o.put("template", v.template().text());
    ArrayNode variables = o.putArray("variables");
    v.template().variables().forEach(variables::add);
    o.put("commit_message", v.commitMessage());
    ObjectNode tags = o.putObject("tags");
    v.tags().forEach(tags::put);
    if (v.createdBy() != null) {
      o.put("created_by", v.createdBy());
    }
    o.put("creation_time", v.creationTime());
    return o;
  }

  static ObjectNode summary(TraceSummary t) {
    ObjectNode o = object();
    o.put("trace_id", t.traceId());
    o.put("root_name", t.rootName());
    o.put("start_time_unix_nano", t.startTimeNanos());
    o.put("end_time_unix_nano", t.endTimeNanos());
    o.put("duration_ms", t.durationMillis());
    o.put("span_count", t.spanCount());
    o.put("status", t.status().name());
    o.put("error_spans", t.errorSpans());
    o.put("input_tokens", t.inputTokens());
    o.put("output_tokens", t.outputTokens());
    putNullable(o, "cost_usd", t.costUsd());
    o.put("unpriced_spans", t.unpricedSpans());
    putText(o, "prompt_version", t.promptVersion());
    putText(o, "eval_set", t.evalSet());
    putText(o, "eval_example_id", t.evalExampleId());
    putText(o, "service_name", t.serviceName());
    return o;
  }

  static ObjectNode spanNode(SpanNode node) {
    ObjectNode o = span(node.span(), node.orphan());
    ArrayNode children = o.putArray("children");
    node.children().forEach(c -> children.add(spanNode(c)));
    return o;
  }

  /** One span without its children (for flattened trees). */
  static ObjectNode span(Span s, boolean orphan) {
    ObjectNode o = object();
    o.put("span_id", s.spanId());
    putText(o, "parent_span_id", s.parentSpanId());
    o.put("name", s.name());
    o.put("kind", s.kind().name());
    o.put("start_time_unix_nano", s.startTimeNanos());
    o.put("end_time_unix_nano", s.endTimeNanos());
    o.put("duration_ms", s.durationMillis());
    o.put("status", s.status().name());
    if (!s.statusMessage().isEmpty()) {
      o.put("status_message", s.statusMessage());
    }
    if (orphan) {
      o.put("orphan", true);
    }
    o.set("attributes", MAPPER.valueToTree(s.attributes()));
    o.set("resource", MAPPER.valueToTree(s.resource()));
    if (!s.events().isEmpty()) {
      o.set("events", MAPPER.valueToTree(s.events()));
    }
    return o;
  }

  static ObjectNode score(Score s) {
    ObjectNode o = object();
    o.put("score_id", s.scoreId());
    o.put("trace_id", s.traceId());
    putText(o, "span_id", s.spanId());
    o.put("name", s.name());
    o.put("value_type", s.value().type());
    if (s.value() instanceof ScoreValue.Numeric n) {
      o.put("value", n.value());
    } else if (s.value() instanceof ScoreValue.Bool b) {
      o.put("value", b.value());
    } else {
      o.put("value", ((ScoreValue.Categorical) s.value()).label());
    }
    ObjectNode source = o.putObject("source");
    source.put("type", s.source().type());
    if (s.source() instanceof ScoreSource.Human h) {
      source.put("name", h.user());
    } else if (s.source() instanceof ScoreSource.LlmJudge j) {
      source.put("name", j.model());
      source.put("version", j.version());
    } else {
      source.put("name", ((ScoreSource.Code) s.source()).name());
    }
    o.put("rationale", s.rationale());
    o.put("created_time", s.createdTime());
    return o;
  }

  static ObjectNode aggregates(TraceAggregates a) {
    ObjectNode o = object();
    o.put("trace_count", a.traceCount());
    o.put("success_count", a.successCount());
    o.put("error_count", a.errorCount());
    o.put("input_tokens", a.inputTokens());
    o.put("output_tokens", a.outputTokens());
    o.put("total_tokens", a.totalTokens());
    putNullable(o, "latency_p50_ms", a.latencyP50Millis());
    putNullable(o, "latency_p95_ms", a.latencyP95Millis());
    putNullable(o, "latency_p99_ms", a.latencyP99Millis());
    o.put("quantile_method", "linear (numpy default, Hyndman-Fan type 7)");
    o.put("cost_usd", a.costUsd());
    putNullable(o, "cost_per_trace_usd", a.costPerTrace());
    putNullable(o, "cost_per_successful_task_usd", a.costPerSuccessfulTask());
    o.put("unpriced_traces", a.unpricedTraces());
    return o;
  }

  static ObjectNode price(ModelPrice p) {
    ObjectNode o = object();
    o.put("model", p.model());
    o.put("input_usd_per_million", p.inputUsdPerMillion());
    o.put("output_usd_per_million", p.outputUsdPerMillion());
    return o;
  }

  static ObjectNode comparison(PromptVersionComparison c) {
    PairedComparison s = c.statistics();
    ObjectNode o = object();
    o.put("a", c.versionA());
    o.put("b", c.versionB());
    o.put("eval_set", c.evalSet());
    o.put("score", c.scoreName());
    o.put("paired_examples", s.pairedSeeds().size());
    o.put("scored_examples_a", c.scoredExamplesA());
    o.put("scored_examples_b", c.scoredExamplesB());
    o.set("examples_only_in_a", strings(s.seedsOnlyInA()));
    o.set("examples_only_in_b", strings(s.seedsOnlyInB()));
    o.put("mean_a", s.a().mean());
    o.put("mean_b", s.b().mean());
    o.put("mean_delta", s.meanDelta());
    putNullable(o, "se", s.pairedT().standardError());
    putNullable(o, "t", s.pairedT().statistic());
    o.put("df", s.pairedT().degreesOfFreedom());
    putNullable(o, "p_value", s.pairedT().pValue());
    putNullable(o, "ci_low", s.deltaInterval().low());
    putNullable(o, "ci_high", s.deltaInterval().high());
    o.put("confidence", s.deltaInterval().confidence());
    putNullable(o, "wilcoxon_statistic", s.wilcoxon().statistic());
    putNullable(o, "wilcoxon_p_value", s.wilcoxon().pValue());
    return o;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static void putNullable(ObjectNode o, String field, Double value) {
    if (value == null || !Double.isFinite(value)) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  private static void putText(ObjectNode o, String field, String value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  static Map<String, String> stringMap(JsonNode node, String field) {
    java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw dev.mledger.core.error.MledgerException.invalidParameter(
          "'" + field + "' must be an object of strings.");
    }
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
