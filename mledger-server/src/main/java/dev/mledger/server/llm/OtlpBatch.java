package dev.mledger.server.llm;

import dev.mledger.core.llm.Span;
import java.util.List;

/**
 * The spans decoded from one OTLP export request, and those that had to be rejected.
 *
 * @param rejectedSpans spans refused individually (malformed ids, end before start)
 * @param rejectionMessage why, for the first rejected spans; empty when none was rejected
 */
record OtlpBatch(List<Span> spans, long rejectedSpans, String rejectionMessage) {
  OtlpBatch {
    spans = List.copyOf(spans);
  }
}
