package dev.mledger.store.dataset;

import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.DatasetNames;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.core.dataset.TreeDigest;
import dev.mledger.core.dataset.TreeHasher;
import dev.mledger.core.error.MledgerException;
import java.util.List;
import java.util.Objects;

/**
 * A version to record: the snapshot's manifest and what is known about it. The hash, size and file
 * count are recomputed from the manifest here, so a recorded version can never disagree with its
 * files.
 *
 * @param name dataset name
 * @param version version label; null to bump from the dataset's highest version (or start at 1.0.0)
 * @param bump how to derive the version when {@code version} is null
 * @param kind file or directory
 * @param path the file or directory name the snapshot was taken from
 * @param manifest the files (exactly one for a file snapshot)
 * @param provenance provenance
 * @param keyColumns row-key columns, possibly empty
 * @param profile tabular profile or null
 */
public record NewDatasetVersion(
    String name,
    SemanticVersion version,
    dev.mledger.core.dataset.VersionBump bump,
    DatasetKind kind,
    String path,
    List<ManifestEntry> manifest,
    Provenance provenance,
    List<String> keyColumns,
    TabularProfile profile) {

  public NewDatasetVersion {
    DatasetNames.requireValid(name);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(bump, "bump");
    ManifestEntry.requireValidPath(path);
    manifest = List.copyOf(manifest);
    keyColumns = List.copyOf(keyColumns);
    if (kind == DatasetKind.FILE && manifest.size() != 1) {
      throw MledgerException.invalidParameter("a file snapshot has exactly one file");
    }
    if (kind == DatasetKind.DIRECTORY && manifest.isEmpty()) {
      throw MledgerException.invalidParameter("the directory " + path + " contains no files");
    }
    if (profile != null) {
      for (String key : keyColumns) {
        if (profile.column(key).isEmpty()) {
          throw MledgerException.invalidParameter(
              "key column '" + key + "' is not a column of " + path);
        }
      }
    }
  }

  /** The snapshot address computed from the manifest. */
  public TreeDigest digest() {
    return kind == DatasetKind.FILE
        ? TreeHasher.ofFile(manifest.get(0))
        : TreeHasher.ofDirectory(manifest);
  }
}
