package dev.mledger.store.dataset;

import dev.mledger.core.dataset.SemanticVersion;
import java.time.Instant;

/**
 * A change of a dataset's current version, kept forever.
 *
 * @param id increasing event id
 * @param name dataset name
 * @param action {@code add} (a new version became current) or {@code rollback}
 * @param version the version that became current
 * @param previous the version that was current before, null for the first add
 * @param actor who did it
 * @param reason free text given with a rollback, null otherwise
 * @param createdAt when
 */
public record DatasetEvent(
    long id,
    String name,
    String action,
    SemanticVersion version,
    SemanticVersion previous,
    String actor,
    String reason,
    Instant createdAt) {}
