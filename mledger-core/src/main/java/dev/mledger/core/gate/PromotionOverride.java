package dev.mledger.core.gate;

/**
 * An explicit decision to promote without a passing, approved gate decision.
 *
 * @param reason why the gate is bypassed; never blank
 * @param actor who takes responsibility; never blank
 */
public record PromotionOverride(String reason, String actor) {
  public PromotionOverride {
    GateArguments.requireText("override reason", reason);
    GateArguments.requireText("override actor", actor);
  }
}
