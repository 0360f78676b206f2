package dev.mledger.core.gate;

import java.time.Instant;
import java.util.List;

/**
 * The immutable result of evaluating a gate for one candidate model version: the gate as it was,
 * what was compared, and each rule's outcome with its evidence. Approvals and overrides are
 * recorded next to a decision, never in it, so its {@linkplain DecisionDocuments#digest digest}
 * stays fixed.
 *
 * @param gate the gate evaluated, embedded so the decision stands on its own
 * @param modelName the registered model
 * @param candidateVersion the version evaluated
 * @param candidateRunId the candidate's source run, or {@code null}
 * @param championVersion the version compared against, or {@code null} when there was no champion
 * @param championRunId the champion's source run, or {@code null}
 * @param family the candidate versions evaluated together (multiple-comparison family), in order;
 *     contains {@code candidateVersion}
 * @param evaluatedAt when the gate was evaluated
 * @param outcomes one outcome per rule, in the gate's rule order
 */
public record GateDecision(
    GateDefinition gate,
    String modelName,
    String candidateVersion,
    String candidateRunId,
    String championVersion,
    String championRunId,
    List<String> family,
    Instant evaluatedAt,
    List<RuleOutcome> outcomes) {

  public GateDecision {
    GateArguments.requireNonNull("gate", gate);
    GateArguments.requireText("model name", modelName);
    GateArguments.requireText("candidate version", candidateVersion);
    family = List.copyOf(family);
    GateArguments.requireNonNull("evaluated at", evaluatedAt);
    outcomes = List.copyOf(outcomes);
  }

  /** Whether every rule passed or did not apply. */
  public boolean passed() {
    return outcomes.stream().allMatch(o -> o.status().allowsPromotion());
  }

  /** The outcomes that block promotion. */
  public List<RuleOutcome> failures() {
    return outcomes.stream().filter(o -> !o.status().allowsPromotion()).toList();
  }
}
