package dev.mledger.store.llm;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.SpanStatus;

/**
 * Which traces to list or aggregate; {@code null} fields do not filter.
 *
 * @param promptVersion traces that used this prompt version ({@code prompts:/name/3})
 * @param status the trace's (root span's) status
 * @param startedAfterNanos traces starting at or after this epoch nanosecond
 * @param startedBeforeNanos traces starting before this epoch nanosecond
 * @param limit at most this many traces, newest first (listing only; 1 to {@value #MAX_LIMIT})
 * @param model traces with a span that requested or answered with this model ({@code
 *     gen_ai.request.model} or {@code gen_ai.response.model})
 * @param operation traces with a span of this {@code gen_ai.operation.name} ({@code chat}, ...)
 */
public record TraceQuery(
    String promptVersion,
    String evalSet,
    String serviceName,
    SpanStatus status,
    Long startedAfterNanos,
    Long startedBeforeNanos,
    int limit,
    String model,
    String operation) {
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 100;

  public static final TraceQuery ALL =
      new TraceQuery(null, null, null, null, null, null, DEFAULT_LIMIT, null, null);

  public TraceQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw MledgerException.invalidParameter(
          "max_results must be between 1 and " + MAX_LIMIT + ", got " + limit + ".");
    }
  }

  /** A query without model or operation filters. */
  public TraceQuery(
      String promptVersion,
      String evalSet,
      String serviceName,
      SpanStatus status,
      Long startedAfterNanos,
      Long startedBeforeNanos,
      int limit) {
    this(
        promptVersion,
        evalSet,
        serviceName,
        status,
        startedAfterNanos,
        startedBeforeNanos,
        limit,
        null,
        null);
  }
}
