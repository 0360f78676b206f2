package dev.mledger.cli.llm;

import dev.mledger.core.llm.Prompt;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.core.llm.TraceSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --json} documents of the LLM commands (same field names as the server's API). */
final class LlmJsonDocs {
  private LlmJsonDocs() {}

  static Map<String, Object> prompt(Prompt p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("description", p.description());
    m.put("latest_version", p.latestVersion());
    m.put("aliases", p.aliases());
    m.put("creation_time", p.creationTime());
    m.put("last_updated_time", p.lastUpdatedTime());
    return m;
  }

  static Map<String, Object> version(PromptVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("version", v.version());
    m.put("uri", v.uri().toString());
    m.put("template", v.template().text());
    m.put("variables", v.template().variables());
    m.put("commit_message", v.commitMessage());
    m.put("tags", v.tags());
    m.put("created_by", v.createdBy());
    m.put("creation_time", v.creationTime());
    return m;
  }

  static Map<String, Object> summary(TraceSummary t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trace_id", t.traceId());
    m.put("root_name", t.rootName());
    m.put("start_time_unix_nano", t.startTimeNanos());
    m.put("duration_ms", t.durationMillis());
    m.put("span_count", t.spanCount());
    m.put("status", t.status().name());
    m.put("error_spans", t.errorSpans());
    m.put("input_tokens", t.inputTokens());
    m.put("output_tokens", t.outputTokens());
    m.put("cost_usd", t.costUsd());
    m.put("prompt_version", t.promptVersion());
    m.put("eval_set", t.evalSet());
    m.put("eval_example_id", t.evalExampleId());
    m.put("service_name", t.serviceName());
    return m;
  }

  static Map<String, Object> aggregates(TraceAggregates a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trace_count", a.traceCount());
    m.put("success_count", a.successCount());
    m.put("error_count", a.errorCount());
    m.put("input_tokens", a.inputTokens());
    m.put("output_tokens", a.outputTokens());
    m.put("total_tokens", a.totalTokens());
    m.put("latency_p50_ms", a.latencyP50Millis());
    m.put("latency_p95_ms", a.latencyP95Millis());
    m.put("latency_p99_ms", a.latencyP99Millis());
    m.put("cost_usd", a.costUsd());
    m.put("cost_per_trace_usd", a.costPerTrace());
    m.put("cost_per_successful_task_usd", a.costPerSuccessfulTask());
    m.put("unpriced_traces", a.unpricedTraces());
    return m;
  }

  static Map<String, Object> score(Score s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score_id", s.scoreId());
    m.put("span_id", s.spanId());
    m.put("name", s.name());
    m.put("value_type", s.value().type());
    m.put("value", scoreText(s.value()));
    m.put("source", source(s.source()));
    m.put("rationale", s.rationale());
    return m;
  }

  static Object scoreText(ScoreValue v) {
    if (v instanceof ScoreValue.Numeric n) {
      return n.value();
    }
    if (v instanceof ScoreValue.Bool b) {
      return b.value();
    }
    return ((ScoreValue.Categorical) v).label();
  }

  static String source(ScoreSource s) {
    if (s instanceof ScoreSource.Human h) {
      return "human:" + h.user();
    }
    if (s instanceof ScoreSource.LlmJudge j) {
      return "llm_judge:" + j.model() + "@" + j.version();
    }
    return "code:" + ((ScoreSource.Code) s).name();
  }
}
