package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** The operational limits a {@link Guardrail} can enforce, each with its default metric key. */
public enum GuardrailKind {
  /** Safety evaluation score; the candidate's score must be at least the limit. */
  SAFETY_SCORE("safety_score", "safety_score", Direction.HIGHER_IS_BETTER),
  /** 95th percentile prediction latency in milliseconds; at most the limit. */
  P95_LATENCY_MS("p95_latency_ms", "latency_p95_ms", Direction.LOWER_IS_BETTER),
  /** Serving cost in dollars per 1000 predictions; at most the limit. */
  COST_PER_1K_PREDICTIONS(
      "cost_per_1k_predictions", "cost_per_1k_predictions", Direction.LOWER_IS_BETTER);

  private final String specName;
  private final String defaultMetric;
  private final Direction direction;

  GuardrailKind(String specName, String defaultMetric, Direction direction) {
    this.specName = specName;
    this.defaultMetric = defaultMetric;
    this.direction = direction;
  }

  /** The name used in gate files. */
  public String specName() {
    return specName;
  }

  /** The metric key read when the rule names none. */
  public String defaultMetric() {
    return defaultMetric;
  }

  /** Whether the limit is a floor ({@code HIGHER_IS_BETTER}) or a ceiling. */
  public Direction direction() {
    return direction;
  }

  /**
   * Parses a gate-file name: {@code safety_score}, {@code p95_latency_ms} (or {@code
   * latency_p95_ms}), {@code cost_per_1k_predictions} (or {@code cost_per_1k}).
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for any other name
   */
  public static GuardrailKind fromName(String name) {
    String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (normalized) {
      case "safety_score", "safety" -> SAFETY_SCORE;
      case "p95_latency_ms", "latency_p95_ms", "p95_latency" -> P95_LATENCY_MS;
      case "cost_per_1k_predictions", "cost_per_1k" -> COST_PER_1K_PREDICTIONS;
      default ->
          throw MledgerException.invalidParameter(
              "guardrail kind must be one of 'safety_score', 'p95_latency_ms',"
                  + " 'cost_per_1k_predictions', got '"
                  + name
                  + "'.");
    };
  }
}
