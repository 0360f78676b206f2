package dev.mledger.store.registry;

import dev.mledger.core.registry.ModelVersionTag;
import java.util.List;
import java.util.Objects;

/**
 * A model version to register under an existing registered model; the store assigns the next
 * version number.
 *
 * @param source where the model's artifacts are; required
 * @param runId the run that produced it; null when unknown
 * @param runLink link to that run on another server; null when none
 * @param description null when none
 * @param userId who registers it; null when unknown
 */
public record NewModelVersion(
    String name,
    String source,
    String runId,
    List<ModelVersionTag> tags,
    String runLink,
    String description,
    String userId) {

  public NewModelVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    tags = List.copyOf(tags);
  }
}
