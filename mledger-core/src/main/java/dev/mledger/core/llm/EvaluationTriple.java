package dev.mledger.core.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset–model–prompt triple that was evaluated together: the traces whose root span names
 * evaluation set {@code evalSet}, grouped by the prompt version and the model they used, with the
 * trace-level scores they received.
 *
 * @param evalSet the evaluation set ({@code mledger.eval.set}); a dataset version when it names one
 * @param promptVersion the prompt version URI ({@code prompts:/qa/3}), or null when unknown
 * @param model the model: {@code models:/NAME/VERSION} when the trace names a registered model
 *     version ({@code mledger.model.version}), else the GenAI model that answered, or null
 * @param traces how many traces
 * @param firstStartNanos earliest trace start, epoch nanoseconds
 * @param lastStartNanos latest trace start
 * @param scores per score name, what the traces received (trace-level scores only)
 */
public record EvaluationTriple(
    String evalSet,
    String promptVersion,
    String model,
    long traces,
    long firstStartNanos,
    long lastStartNanos,
    List<ScoreSummary> scores) {

  public EvaluationTriple {
    scores = List.copyOf(scores);
  }

  /**
   * The scores of one name on a triple's traces.
   *
   * @param name the score name
   * @param count how many scores
   * @param mean mean of numeric scores and of boolean scores as 1/0; null for categorical ones
   * @param labels counts per label of categorical scores (empty otherwise)
   */
  public record ScoreSummary(String name, long count, Double mean, Map<String, Long> labels) {
    public ScoreSummary {
      labels = Map.copyOf(labels);
    }

    /** JSON form, labels most frequent first. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("count", count);
      m.put("mean", mean);
      Map<String, Long> ordered = new LinkedHashMap<>();
      labels.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
      m.put("labels", ordered);
      return m;
    }
  }

  /** The triple's node in the lineage graph. */
  public dev.mledger.core.lineage.NodeId.Evaluation node() {
    return new dev.mledger.core.lineage.NodeId.Evaluation(
        evalSet, dev.mledger.core.lineage.NodeId.Prompt.fromUri(promptVersion).orElse(null), model);
  }

  /** JSON form with snake_case keys, led by the lineage {@code node_id}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node_id", node().id());
    m.put("eval_set", evalSet);
    m.put("prompt_version", promptVersion);
    m.put("model", model);
    m.put("traces", traces);
    m.put("first_start_time_ms", firstStartNanos / 1_000_000);
    m.put("last_start_time_ms", lastStartNanos / 1_000_000);
    m.put("scores", scores.stream().map(ScoreSummary::toMap).toList());
    return m;
  }

  /**
   * The model of a trace: the first {@code mledger.model.version} in tree order (a registered model
   * version), else the first model a GenAI span reports that is not an LLM judge's; null when no
   * span names one.
   */
  public static String modelOf(TraceTree tree) {
    String generic = null;
    for (Span span : tree.spans()) {
      Object registered = span.attributes().get(GenAiAttributes.MODEL_VERSION);
      if (registered instanceof String s && !s.isBlank()) {
        return s;
      }
      if (generic == null && !span.attributes().containsKey(GenAiAttributes.JUDGE_MODEL)) {
        generic = GenAiCall.of(span).model();
      }
    }
    return generic;
  }
}
