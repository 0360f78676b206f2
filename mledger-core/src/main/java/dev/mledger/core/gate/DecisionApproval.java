package dev.mledger.core.gate;

import java.time.Instant;

/**
 * A sign-off appended to a recorded decision.
 *
 * @param approver who approved; never blank
 * @param approvedAt when
 * @param comment why, or the review it rests on; may be empty
 */
public record DecisionApproval(String approver, Instant approvedAt, String comment) {
  public DecisionApproval {
    GateArguments.requireText("approver", approver);
    GateArguments.requireNonNull("approved at", approvedAt);
    comment = comment == null ? "" : comment;
  }
}
