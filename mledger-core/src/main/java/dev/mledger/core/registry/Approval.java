package dev.mledger.core.registry;

import java.util.Objects;

/**
 * Sign-off attached to a stage or alias change: who approved it and, optionally, a pointer to the
 * evidence (a ticket URL, a promotion-gate decision id).
 *
 * @param approver who approved; never blank
 * @param reference free-form reference to the approval record; null when none
 */
public record Approval(String approver, String reference) {
  public Approval {
    Objects.requireNonNull(approver, "approver");
    if (approver.isBlank()) {
      throw new IllegalArgumentException("approver must not be blank");
    }
    if (reference != null && reference.isBlank()) {
      reference = null;
    }
  }
}
