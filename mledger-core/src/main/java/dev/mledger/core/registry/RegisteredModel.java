package dev.mledger.core.registry;

import java.util.List;

/**
 * A registered model: a named family of model versions. Timestamps are epoch milliseconds.
 *
 * @param latestVersions per stage, the highest version in it (MLflow's {@code latest_versions}),
 *     ordered by stage
 * @param description null when never set
 */
public record RegisteredModel(
    String name,
    long creationTimestamp,
    long lastUpdatedTimestamp,
    String description,
    List<ModelVersion> latestVersions,
    List<RegisteredModelTag> tags,
    List<RegisteredModelAlias> aliases) {

  public RegisteredModel {
    latestVersions = List.copyOf(latestVersions);
    tags = List.copyOf(tags);
    aliases = List.copyOf(aliases);
  }
}
