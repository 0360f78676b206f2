package dev.mledger.store.dataset;

import dev.mledger.core.dataset.SemanticVersion;
import java.time.Instant;

/**
 * One dataset in a listing.
 *
 * @param name dataset name
 * @param current the current version (moved by adds and rollbacks)
 * @param latest the highest version label
 * @param versions number of versions
 * @param updatedAt when the current version last changed
 */
public record DatasetSummary(
    String name,
    SemanticVersion current,
    SemanticVersion latest,
    long versions,
    Instant updatedAt) {}
