package dev.mledger.store.dataset;

import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.TreeDigest;
import java.util.List;

/**
 * The result of snapshotting a file or directory into the content store.
 *
 * @param kind file or directory
 * @param path the source's own name (the last path element)
 * @param manifest every file, in manifest order
 * @param digest the snapshot address
 */
public record Snapshot(
    DatasetKind kind, String path, List<ManifestEntry> manifest, TreeDigest digest) {
  public Snapshot {
    manifest = List.copyOf(manifest);
  }
}
