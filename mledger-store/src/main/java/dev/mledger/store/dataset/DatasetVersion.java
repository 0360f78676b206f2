package dev.mledger.store.dataset;

import dev.mledger.core.dataset.DatasetFacts;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.PointerFile;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.TabularProfile;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable, recorded version of a dataset.
 *
 * @param name dataset name
 * @param version version label
 * @param kind file or directory snapshot
 * @param sha256 the snapshot hash (file hash or Merkle root)
 * @param size total bytes
 * @param files number of files
 * @param path the file or directory name the snapshot was taken from
 * @param provenance source, owner, license, PII declaration, producing run, creator
 * @param keyColumns columns that identify a row (for keyed diffs); empty when none was declared
 * @param profile tabular profile, or null when the snapshot is not a single CSV/TSV/Parquet file
 * @param createdAt when the version was recorded
 */
public record DatasetVersion(
    String name,
    SemanticVersion version,
    DatasetKind kind,
    String sha256,
    long size,
    long files,
    String path,
    Provenance provenance,
    List<String> keyColumns,
    TabularProfile profile,
    Instant createdAt) {

  public DatasetVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(provenance, "provenance");
    keyColumns = List.copyOf(keyColumns);
  }

  /** The profile, when the snapshot is a table. */
  public Optional<TabularProfile> tabular() {
    return Optional.ofNullable(profile);
  }

  /** {@code NAME@VERSION}. */
  public String ref() {
    return name + "@" + version;
  }

  /** The pointer file describing this version. */
  public PointerFile pointer() {
    return new PointerFile(name, version, kind, sha256, size, files, path);
  }

  /** The facts a data contract is checked against. */
  public DatasetFacts facts() {
    return new DatasetFacts(
        name,
        version,
        sha256,
        createdAt,
        provenance.license(),
        provenance.piiColumnsOrEmpty(),
        provenance.piiDeclared(),
        profile);
  }
}
