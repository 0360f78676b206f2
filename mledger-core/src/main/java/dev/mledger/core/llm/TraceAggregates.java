package dev.mledger.core.llm;

import java.util.Arrays;
import java.util.Collection;

/**
 * Totals over a set of traces. Latency quantiles use {@link Quantiles#linear} (numpy's default)
 * over trace durations in milliseconds and are {@code null} for an empty set. A trace is a
 * successful task when its root span did not fail ({@link TraceSummary#succeeded()}).
 *
 * @param costUsd the summed cost of the traces that could be priced
 * @param costPerTrace {@code costUsd} over the priced traces, {@code null} when none was priced
 * @param costPerSuccessfulTask {@code costUsd} (failed attempts included: they were paid for) over
 *     the successful traces; {@code null} when none succeeded or none was priced
 * @param unpricedTraces traces without any priced span
 */
public record TraceAggregates(
    int traceCount,
    int successCount,
    int errorCount,
    long inputTokens,
    long outputTokens,
    Double latencyP50Millis,
    Double latencyP95Millis,
    Double latencyP99Millis,
    double costUsd,
    Double costPerTrace,
    Double costPerSuccessfulTask,
    int unpricedTraces) {

  public static TraceAggregates of(Collection<TraceSummary> traces) {
    double[] latencies = new double[traces.size()];
    int i = 0;
    int successes = 0;
    long input = 0;
    long output = 0;
    double cost = 0;
    int priced = 0;
    for (TraceSummary t : traces) {
      latencies[i++] = t.durationMillis();
      if (t.succeeded()) {
        successes++;
      }
      input += t.inputTokens();
      output += t.outputTokens();
      if (t.costUsd() != null) {
        cost += t.costUsd();
        priced++;
      }
    }
    Arrays.sort(latencies);
    boolean any = latencies.length > 0;
    return new TraceAggregates(
        traces.size(),
        successes,
        traces.size() - successes,
        input,
        output,
        any ? Quantiles.linearSorted(latencies, 0.50) : null,
        any ? Quantiles.linearSorted(latencies, 0.95) : null,
        any ? Quantiles.linearSorted(latencies, 0.99) : null,
        cost,
        priced > 0 ? cost / priced : null,
        priced > 0 && successes > 0 ? cost / successes : null,
        traces.size() - priced);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
