/**
 * Promotion gates: declarative rules that a candidate model version must satisfy against the
 * current champion before it may be promoted, and the immutable {@link
 * dev.mledger.core.gate.GateDecision} that evaluating them produces.
 *
 * <p>A {@link dev.mledger.core.gate.GateDefinition} holds {@link dev.mledger.core.gate.GateRule}s
 * of three kinds: {@link dev.mledger.core.gate.MetricThreshold} (absolute or relative to the
 * champion), {@link dev.mledger.core.gate.Guardrail} (safety score, p95 latency, cost per 1k
 * predictions) and {@link dev.mledger.core.gate.Significance} (paired tests over matched
 * seeds/folds, a confidence-interval lower bound on the improvement, and a multiple-comparison
 * correction when several candidates are evaluated together). {@link
 * dev.mledger.core.gate.GateEvaluator} turns a definition and the evidence of the candidate(s) and
 * champion into decisions. {@link dev.mledger.core.gate.GateSpecs} and {@link
 * dev.mledger.core.gate.DecisionDocuments} map definitions and decisions to and from JSON-shaped
 * trees ({@code Map}/{@code List}/scalars), so storage and transport layers need no knowledge of
 * the model.
 *
 * <p>Gates fail closed: a missing metric, an unpairable seed or a degenerate test never passes a
 * rule; the outcome says why.
 */
package dev.mledger.core.gate;
