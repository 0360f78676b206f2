package dev.mledger.server.llm;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects decoded spans; a span that fails validation is counted as rejected (OTLP partial
 * success) instead of failing the whole request.
 */
final class OtlpBatchBuilder {
  private static final int MAX_MESSAGES = 3;

  private final List<Span> spans = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private long rejected;

  void add(Supplier<Span> decode) {
    try {
      spans.add(decode.get());
    } catch (MledgerException e) {
      rejected++;
      if (messages.size() < MAX_MESSAGES) {
        messages.add(e.getMessage());
      }
    }
  }

  OtlpBatch build() {
    String message = String.join(" ", messages);
    if (rejected > messages.size()) {
      message += " (" + (rejected - messages.size()) + " more rejected)";
    }
    return new OtlpBatch(spans, rejected, message);
  }
}
