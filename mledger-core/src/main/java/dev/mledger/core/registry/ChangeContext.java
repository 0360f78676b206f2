package dev.mledger.core.registry;

/**
 * Who is making a registry change and why; recorded with every stage and alias change.
 *
 * @param actor the authenticated user, the {@code X-Mledger-User} header, or {@value
 *     #UNKNOWN_ACTOR}; never blank
 * @param reason why the change is made; null when none was given (MLflow's API has no field for it)
 * @param approval sign-off for the change; null when none
 */
public record ChangeContext(String actor, String reason, Approval approval) {

  /** The actor recorded when a request carries no identity. */
  public static final String UNKNOWN_ACTOR = "unknown";

  /** An anonymous change without reason or approval. */
  public static final ChangeContext UNKNOWN = new ChangeContext(UNKNOWN_ACTOR, null, null);

  public ChangeContext {
    if (actor == null || actor.isBlank()) {
      actor = UNKNOWN_ACTOR;
    }
    if (reason != null && reason.isBlank()) {
      reason = null;
    }
  }

  /** A change by {@code actor} (blank or null means {@value #UNKNOWN_ACTOR}) with no reason. */
  public static ChangeContext by(String actor) {
    return new ChangeContext(actor, null, null);
  }

  public ChangeContext withReason(String newReason) {
    return new ChangeContext(actor, newReason, approval);
  }

  public ChangeContext withApproval(Approval newApproval) {
    return new ChangeContext(actor, reason, newApproval);
  }
}
