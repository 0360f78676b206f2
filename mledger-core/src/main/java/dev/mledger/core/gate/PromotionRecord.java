package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import java.time.Instant;

/**
 * One promotion of a model version, as recorded: on the strength of a decision, or by override.
 *
 * @param id increasing id
 * @param modelName the registered model
 * @param version the promoted version
 * @param target the alias or stage it was promoted to
 * @param decisionId the passing, approved decision it rests on; {@code null} for an override
 *     without one
 * @param override the override, or {@code null}
 * @param actor who promoted
 * @param promotedAt when
 */
public record PromotionRecord(
    long id,
    String modelName,
    String version,
    PromotionTarget target,
    String decisionId,
    PromotionOverride override,
    String actor,
    Instant promotedAt) {

  public PromotionRecord {
    GateArguments.requireText("model name", modelName);
    GateArguments.requireText("version", version);
    GateArguments.requireNonNull("target", target);
    GateArguments.requireText("actor", actor);
    GateArguments.requireNonNull("promoted at", promotedAt);
    if (decisionId == null && override == null) {
      throw MledgerException.invalidParameter("A promotion rests on a decision or an override.");
    }
  }
}
