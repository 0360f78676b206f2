package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An evaluation score attached to a trace, or to one span of it.
 *
 * @param scoreId assigned by the store
 * @param spanId {@code null} when the score is about the whole trace
 * @param name what is scored, e.g. {@code relevance}, {@code faithfulness}
 * @param rationale why (an LLM judge's explanation, a reviewer's note); may be empty
 * @param createdTime epoch milliseconds
 */
public record Score(
    String scoreId,
    String traceId,
    String spanId,
    String name,
    ScoreValue value,
    ScoreSource source,
    String rationale,
    long createdTime) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-/ ]{1,256}");

  public Score {
    Objects.requireNonNull(scoreId, "scoreId");
    Objects.requireNonNull(traceId, "traceId");
    requireName(name);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    rationale = rationale == null ? "" : rationale;
  }

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE unless the name is 1–256 letters, digits,
   *     spaces or {@code _ . - /}
   */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw MledgerException.invalidParameter(
          "Invalid score name '"
              + name
              + "': use 1 to 256 letters, digits, spaces, '_', '.', '-' or '/'.");
    }
    return name;
  }
}
