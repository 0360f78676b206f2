package dev.mledger.core.registry;

/**
 * One immutable entry of a registered model's history: a stage transition or an alias change, with
 * who made it, when and why. Entries survive the deletion of the version and of the model.
 *
 * @param sequence increasing across the whole registry; orders entries made in the same millisecond
 * @param modelName the model's current name (entries follow renames)
 * @param version the version concerned: the transitioned version, or for an alias change the
 *     version it now points at (the previous one when the alias was deleted)
 * @param timestamp epoch milliseconds
 * @param reason null when none was given
 * @param approval null when the change carried no approval
 */
public record StageTransition(
    long sequence,
    String modelName,
    String version,
    RegistryChange change,
    String actor,
    long timestamp,
    String reason,
    Approval approval) {}
