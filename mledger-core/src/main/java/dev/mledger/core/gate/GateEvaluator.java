package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a {@link GateDefinition} for one or several candidate model versions against the
 * current champion. Candidates evaluated together form one multiple-comparison family: each {@link
 * Significance} rule corrects its p-values across them with its {@link CorrectionMethod}.
 */
public final class GateEvaluator {
  private GateEvaluator() {}

  /**
   * Evaluates {@code gate} for a single candidate.
   *
   * @param champion the current champion, or {@code null} for a first promotion (rules relative to
   *     the champion are then {@link OutcomeStatus#NOT_APPLICABLE})
   */
  public static GateDecision evaluate(
      GateDefinition gate, ModelEvidence candidate, ModelEvidence champion, Instant evaluatedAt) {
    return evaluateAll(gate, List.of(candidate), champion, evaluatedAt).get(0);
  }

  /**
   * Evaluates {@code gate} for every candidate against the same champion; returns one decision per
   * candidate, in order.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for no candidates or the same model version
   *     listed twice
   */
  public static List<GateDecision> evaluateAll(
      GateDefinition gate,
      List<ModelEvidence> candidates,
      ModelEvidence champion,
      Instant evaluatedAt) {
    GateArguments.requireNonNull("gate", gate);
    GateArguments.requireNonNull("evaluated at", evaluatedAt);
    if (candidates == null || candidates.isEmpty()) {
      throw MledgerException.invalidParameter("At least one candidate version is needed.");
    }
    Set<String> seen = new HashSet<>();
    List<String> family = new ArrayList<>();
    for (ModelEvidence candidate : candidates) {
      if (!seen.add(candidate.modelName() + "\u0000" + candidate.version())) {
        throw MledgerException.invalidParameter(
            "Candidate version "
                + candidate.version()
                + " of model '"
                + candidate.modelName()
                + "' is listed twice.");
      }
      family.add(candidate.version());
    }

    List<List<RuleOutcome>> outcomes = new ArrayList<>();
    candidates.forEach(c -> outcomes.add(new ArrayList<>()));
    for (GateRule rule : gate.rules()) {
      List<RuleOutcome> ruleOutcomes = evaluateRule(rule, candidates, champion);
      for (int i = 0; i < candidates.size(); i++) {
        outcomes.get(i).add(ruleOutcomes.get(i));
      }
    }

    List<GateDecision> decisions = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      ModelEvidence candidate = candidates.get(i);
      decisions.add(
          new GateDecision(
              gate,
              candidate.modelName(),
              candidate.version(),
              candidate.runId(),
              champion == null ? null : champion.version(),
              champion == null ? null : champion.runId(),
              family,
              evaluatedAt,
              outcomes.get(i)));
    }
    return decisions;
  }

  private static List<RuleOutcome> evaluateRule(
      GateRule rule, List<ModelEvidence> candidates, ModelEvidence champion) {
    if (rule instanceof Significance significance) {
      List<SignificanceAnalysis.Measurement> measurements = new ArrayList<>();
      for (ModelEvidence candidate : candidates) {
        measurements.add(SignificanceAnalysis.measure(significance, candidate, champion));
      }
      return SignificanceAnalysis.decide(significance, measurements);
    }
    List<RuleOutcome> outcomes = new ArrayList<>();
    for (ModelEvidence candidate : candidates) {
      if (rule instanceof MetricThreshold threshold) {
        outcomes.add(ThresholdChecks.metricThreshold(threshold, candidate, champion));
      } else {
        outcomes.add(ThresholdChecks.guardrail((Guardrail) rule, candidate));
      }
    }
    return outcomes;
  }
}
