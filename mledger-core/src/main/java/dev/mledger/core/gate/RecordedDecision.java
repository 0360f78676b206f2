package dev.mledger.core.gate;

import java.time.Instant;
import java.util.List;

/**
 * A {@link GateDecision} as stored: immutable, identified, with the digest of its canonical
 * document and the approvals appended since.
 *
 * @param id the decision's id
 * @param digest SHA-256 of the canonical decision document ({@link DecisionDocuments#digest})
 * @param decision the decision
 * @param recordedAt when it was stored
 * @param approvals sign-offs in the order they were given
 */
public record RecordedDecision(
    String id,
    String digest,
    GateDecision decision,
    Instant recordedAt,
    List<DecisionApproval> approvals) {

  public RecordedDecision {
    GateArguments.requireText("id", id);
    GateArguments.requireText("digest", digest);
    GateArguments.requireNonNull("decision", decision);
    GateArguments.requireNonNull("recorded at", recordedAt);
    approvals = List.copyOf(approvals);
  }

  /** Whether the gate passed and at least one person signed off: promotion may proceed. */
  public boolean authorizesPromotion() {
    return decision.passed() && !approvals.isEmpty();
  }
}
