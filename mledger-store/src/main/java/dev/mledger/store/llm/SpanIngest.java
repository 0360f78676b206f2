package dev.mledger.store.llm;

import java.util.List;

/**
 * What storing a batch of spans did.
 *
 * @param spans spans written (a re-sent span replaces the stored one: exporters retry)
 * @param traceIds the traces touched, whose summaries were recomputed, sorted
 */
public record SpanIngest(int spans, List<String> traceIds) {
  public SpanIngest {
    traceIds = List.copyOf(traceIds);
  }
}
