package dev.mledger.core.gate;

/** The result of one rule. */
public enum OutcomeStatus {
  /** The rule's condition holds. */
  PASSED,
  /** The condition does not hold, or could not be checked (missing metric, too few pairs). */
  FAILED,
  /**
   * The rule compares with a champion and there is none (a first promotion); it does not block the
   * gate.
   */
  NOT_APPLICABLE;

  /** Whether the outcome lets the gate pass. */
  public boolean allowsPromotion() {
    return this != FAILED;
  }
}
