package dev.mledger.store.llm;

import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import java.util.Objects;

/** A score to attach to a trace (or one of its spans, when {@code spanId} is not {@code null}). */
public record NewScore(
    String traceId,
    String spanId,
    String name,
    ScoreValue value,
    ScoreSource source,
    String rationale) {
  public NewScore {
    Objects.requireNonNull(traceId, "traceId");
    Score.requireName(name);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    rationale = rationale == null ? "" : rationale;
  }
}
