package dev.mledger.store.gate;

import dev.mledger.core.gate.GateDecision;
import dev.mledger.core.gate.PromotionOverride;
import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import java.util.List;

/**
 * Append-only storage of promotion-gate decisions, their approvals and the promotions made on them.
 * Nothing stored here is ever updated or deleted: a decision is kept as its canonical document with
 * its SHA-256 digest, which is checked again on every read.
 *
 * <p>Errors are {@link dev.mledger.core.error.MledgerException}s: RESOURCE_DOES_NOT_EXIST for an
 * unknown decision, INVALID_STATE for approving a failed decision, RESOURCE_ALREADY_EXISTS for a
 * second approval by the same approver, INTERNAL_ERROR when a stored decision no longer matches its
 * digest.
 */
public interface DecisionStore {

  /** Stores {@code decision} under a new id. */
  RecordedDecision record(GateDecision decision);

  /** The decision with {@code id}, with its approvals. */
  RecordedDecision get(String id);

  /**
   * Decisions about a model, newest first.
   *
   * @param version only decisions about this candidate version; {@code null} for all versions
   */
  List<RecordedDecision> list(String modelName, String version);

  /**
   * Appends an approval to a passed decision.
   *
   * @return the decision with the new approval
   */
  RecordedDecision approve(String id, String approver, String comment);

  /**
   * Records that {@code version} was promoted to {@code target}, on the strength of {@code
   * decisionId} or of {@code override} (at least one is given).
   */
  PromotionRecord recordPromotion(
      String modelName,
      String version,
      PromotionTarget target,
      String decisionId,
      PromotionOverride override,
      String actor);

  /** Every promotion of the model, oldest first. */
  List<PromotionRecord> promotions(String modelName);
}
