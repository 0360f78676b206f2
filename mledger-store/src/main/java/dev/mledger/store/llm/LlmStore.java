package dev.mledger.store.llm;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.PriceTable;
import dev.mledger.core.llm.Prompt;
import dev.mledger.core.llm.PromptUri;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.PromptVersionComparison;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.core.llm.TraceSummary;
import dev.mledger.core.llm.TraceTree;
import java.util.List;
import java.util.Optional;

/**
 * LLM and GenAI tracking data. Failures are {@link MledgerException}s: RESOURCE_DOES_NOT_EXIST for
 * an unknown prompt, version, alias or trace, RESOURCE_ALREADY_EXISTS for a duplicate prompt,
 * INVALID_PARAMETER_VALUE for bad input.
 */
public interface LlmStore {

  /** Registers an empty prompt (its first version comes with {@link #createPromptVersion}). */
  Prompt createPrompt(String name, String description);

  /**
   * Adds the next version of a prompt, creating the prompt on its first version (as MLflow's {@code
   * register_prompt}). Versions are immutable once created.
   */
  PromptVersion createPromptVersion(NewPromptVersion version);

  Prompt getPrompt(String name);

  /** Prompts whose name starts with {@code namePrefix} ({@code null}: all), sorted by name. */
  List<Prompt> listPrompts(String namePrefix);

  PromptVersion getPromptVersion(String name, int version);

  /** Every version of a prompt, newest first. */
  List<PromptVersion> listPromptVersions(String name);

  /** The version a URI designates; {@code @latest} is the newest version. */
  PromptVersion resolve(PromptUri uri);

  /** Points {@code alias} at {@code version} (moving it if it was set). */
  Prompt setAlias(String name, String alias, int version);

  /** Removes {@code alias}. */
  Prompt deleteAlias(String name, String alias);

  /**
   * Stores spans, replacing any stored span with the same trace and span id, and recomputes the
   * summary (tokens, latency, cost at the current prices) of every trace touched, atomically.
   */
  SpanIngest ingestSpans(List<Span> spans);

  /** The trace's spans assembled into a tree. */
  Optional<TraceTree> getTrace(String traceId);

  Optional<TraceSummary> getTraceSummary(String traceId);

  /** Matching traces, newest start first, at most {@code query.limit()}. */
  List<TraceSummary> listTraces(TraceQuery query);

  /** Totals over every matching trace (the limit does not apply). */
  TraceAggregates aggregate(TraceQuery query);

  /**
   * Attaches a score to a stored trace (and span, if given).
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST for an unknown trace or span
   */
  Score logScore(NewScore score);

  /** The trace's scores, oldest first. */
  List<Score> scores(String traceId);

  /**
   * The dataset–model–prompt triples evaluated together: traces with an evaluation set, grouped by
   * evaluation set, prompt version and model, with their trace-level scores summarized. Null
   * filters match anything; ordered by evaluation set, prompt version, model.
   */
  List<dev.mledger.core.llm.EvaluationTriple> evaluationTriples(
      String evalSet, String promptVersion, String model);

  /**
   * Compares two prompt versions on an evaluation set: each version's traces whose root carries
   * {@code mledger.eval.set = evalSet}, paired by {@code mledger.eval.example_id}, on the score
   * named {@code scoreName}. Alias URIs are resolved first.
   */
  PromptVersionComparison comparePromptVersions(
      PromptUri a, PromptUri b, String evalSet, String scoreName);

  /** The configured model prices. */
  PriceTable prices();

  /** Sets (or replaces) a model's price; applies to traces summarized from now on. */
  ModelPrice setPrice(ModelPrice price);

  /** Removes a model's price; whether there was one. */
  boolean deletePrice(String model);
}
