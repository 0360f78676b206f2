package dev.mledger.core.gate;

/**
 * An operational limit on the candidate alone (not relative to the champion): a minimum safety
 * score, a maximum p95 latency or a maximum cost per 1000 predictions.
 *
 * @param name the rule's name
 * @param kind the limit enforced; decides whether {@code limit} is a floor or a ceiling
 * @param metric the metric key holding the candidate's value ({@link GuardrailKind#defaultMetric()}
 *     unless the gate says otherwise)
 * @param limit the floor or ceiling; finite
 */
public record Guardrail(String name, GuardrailKind kind, String metric, double limit)
    implements GateRule {

  public static final String TYPE = "guardrail";

  public Guardrail {
    GateArguments.requireText("name", name);
    GateArguments.requireNonNull("kind", kind);
    GateArguments.requireText("metric", metric);
    GateArguments.requireFinite("limit", limit);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
