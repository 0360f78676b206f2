package dev.mledger.core.llm;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One trace in a line: its root, timing, outcome, token usage and cost.
 *
 * @param rootName the name of the earliest root span
 * @param startTimeNanos the earliest span start, epoch nanoseconds
 * @param endTimeNanos the latest span end
 * @param status {@link SpanStatus#ERROR} if the root span failed, else the root span's status
 * @param errorSpans how many spans report an error (a retried call may fail without failing the
 *     trace)
 * @param inputTokens summed over spans reporting usage
 * @param costUsd the summed cost of priced spans, {@code null} when no span could be priced
 * @param unpricedSpans spans that report tokens but whose model has no price
 * @param promptVersion the first {@code mledger.prompt.version} in tree order, or {@code null}
 * @param evalSet {@code mledger.eval.set} of the root span, or {@code null}
 * @param evalExampleId {@code mledger.eval.example_id} of the root span, or {@code null}
 * @param serviceName the root's resource {@code service.name}, or {@code null}
 */
public record TraceSummary(
    String traceId,
    String rootName,
    long startTimeNanos,
    long endTimeNanos,
    int spanCount,
    SpanStatus status,
    int errorSpans,
    long inputTokens,
    long outputTokens,
    Double costUsd,
    int unpricedSpans,
    String promptVersion,
    String evalSet,
    String evalExampleId,
    String serviceName) {

  /** Summarizes a trace, pricing its spans with {@code prices}. */
  public static TraceSummary of(TraceTree tree, PriceTable prices) {
    List<Span> spans = tree.spans();
    Span root = tree.roots().get(0).span();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    int errors = 0;
    long input = 0;
    long output = 0;
    double cost = 0;
    boolean priced = false;
    int unpriced = 0;
    String promptVersion = null;
    for (Span span : spans) {
      start = Math.min(start, span.startTimeNanos());
      end = Math.max(end, span.endTimeNanos());
      if (span.status() == SpanStatus.ERROR) {
        errors++;
      }
      GenAiCall call = GenAiCall.of(span);
      input += call.inputTokens();
      output += call.outputTokens();
      OptionalDouble spanCost = prices.costOf(call);
      if (spanCost.isPresent()) {
        cost += spanCost.getAsDouble();
        priced = true;
      } else if (call.inputTokens() > 0 || call.outputTokens() > 0) {
        unpriced++;
      }
      if (promptVersion == null) {
        promptVersion = call.promptVersion();
      }
    }
    Object service = root.resource().get(GenAiAttributes.SERVICE_NAME);
    return new TraceSummary(
        tree.traceId(),
        root.name(),
        start,
        end,
        spans.size(),
        root.status(),
        errors,
        input,
        output,
        priced ? cost : null,
        unpriced,
        promptVersion,
        root.attributeText(GenAiAttributes.EVAL_SET),
        root.attributeText(GenAiAttributes.EVAL_EXAMPLE_ID),
        service == null ? null : String.valueOf(service));
  }

  /** {@code end − start} in milliseconds. */
  public double durationMillis() {
    return (endTimeNanos - startTimeNanos) / 1e6;
  }

  /** Whether the trace's root did not fail. */
  public boolean succeeded() {
    return status != SpanStatus.ERROR;
  }
}
