package dev.mledger.store.dataset;

import dev.mledger.core.dataset.DatasetRef;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.error.MledgerException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Dataset versions, their manifests and the history of which version is current. Versions are
 * immutable: a label, once recorded, always means the same bytes. Only the "current" pointer moves
 * (on add and rollback), and every move is kept as a {@link DatasetEvent}. File contents live in a
 * content store (see {@code Snapshots}); this store records their hashes.
 */
public interface DatasetStore {

  /**
   * Records a new version and makes it current.
   *
   * @param actor who adds it (recorded in the event)
   * @throws MledgerException RESOURCE_ALREADY_EXISTS when the label is taken
   */
  DatasetVersion add(NewDatasetVersion version, String actor);

  /** The version {@code version} of dataset {@code name}, if recorded. */
  Optional<DatasetVersion> find(String name, SemanticVersion version);

  /**
   * The version {@code ref} names, or the current version for a bare name.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST naming what is missing
   */
  DatasetVersion get(DatasetRef ref);

  /** Every version of {@code name}, highest label first; empty for an unknown dataset. */
  List<DatasetVersion> versions(String name);

  /** Every dataset, by name. */
  List<DatasetSummary> list();

  /** Streams the manifest of a version in manifest order (memory does not grow with its size). */
  void forEachFile(String name, SemanticVersion version, Consumer<ManifestEntry> consumer);

  /**
   * Makes {@code version} the current version of {@code name} again and records a rollback event.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST for an unknown dataset or version,
   *     INVALID_STATE when it is already current
   */
  DatasetEvent rollback(String name, SemanticVersion version, String actor, String reason);

  /** The history of current-version changes of {@code name}, oldest first. */
  List<DatasetEvent> events(String name);

  /** Whether any recorded version references the blob {@code sha256} (for garbage collection). */
  boolean referencesBlob(String sha256);

  /**
   * The blobs among {@code sha256s} that some recorded version references: the mark step of garbage
   * collection, asked for many blobs at once.
   */
  java.util.Set<String> referencedBlobs(java.util.Collection<String> sha256s);
}
