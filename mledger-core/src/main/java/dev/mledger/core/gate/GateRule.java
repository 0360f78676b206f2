package dev.mledger.core.gate;

/** One rule of a {@link GateDefinition}; every rule has a name unique within its gate. */
public sealed interface GateRule permits MetricThreshold, Guardrail, Significance {

  /** The rule's name, unique within its gate; outcomes refer to the rule by it. */
  String name();

  /** The metric the rule reads. */
  String metric();

  /** The rule type as written in gate files: {@code metric_threshold}, {@code guardrail}, … */
  String type();
}
