package dev.mledger.core.registry;

import java.util.List;

/**
 * One version of a registered model. Versions are numbered 1, 2, ... per model and never reused;
 * {@code version} is the decimal string MLflow puts on the wire.
 *
 * @param source where the model's artifacts are (a {@code runs:/}, {@code models:/} or storage URI)
 * @param runId the run that produced it; null when unknown
 * @param runLink a link to that run on another tracking server; null when unset
 * @param userId null when unknown
 * @param aliases the aliases of the registered model that point at this version
 */
public record ModelVersion(
    String name,
    String version,
    long creationTimestamp,
    long lastUpdatedTimestamp,
    String userId,
    Stage currentStage,
    String description,
    String source,
    String runId,
    ModelVersionStatus status,
    String statusMessage,
    List<ModelVersionTag> tags,
    String runLink,
    List<String> aliases) {

  public ModelVersion {
    tags = List.copyOf(tags);
    aliases = List.copyOf(aliases);
  }

  /** The version as a number; versions are always positive integers. */
  public long versionNumber() {
    return Long.parseLong(version);
  }
}
