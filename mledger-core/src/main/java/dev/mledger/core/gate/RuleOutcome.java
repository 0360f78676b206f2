package dev.mledger.core.gate;

import java.util.Map;

/**
 * The outcome of one rule for one candidate.
 *
 * @param rule the rule's name
 * @param type the rule's type ({@link GateRule#type()})
 * @param status passed, failed or not applicable
 * @param reason one sentence saying why, with the values compared
 * @param evidence the values, test statistics, p-values, intervals and run ids the outcome rests
 *     on; JSON-shaped ({@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code List},
 *     {@code Map}, {@code null}); non-finite doubles are stored as their names ({@code "NaN"},
 *     {@code "Infinity"}) so the evidence is plain JSON
 */
public record RuleOutcome(
    String rule, String type, OutcomeStatus status, String reason, Map<String, Object> evidence) {

  public RuleOutcome {
    GateArguments.requireText("rule", rule);
    GateArguments.requireText("type", type);
    GateArguments.requireNonNull("status", status);
    GateArguments.requireText("reason", reason);
    GateArguments.requireNonNull("evidence", evidence);
    evidence = JsonValues.normalizeObject(evidence);
  }
}
