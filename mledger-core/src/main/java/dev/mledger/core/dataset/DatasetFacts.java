package dev.mledger.core.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a contract is checked against: one dataset version's recorded facts.
 *
 * @param name dataset name
 * @param version version label
 * @param sha256 snapshot hash
 * @param createdAt when the snapshot was taken
 * @param license declared license, or null when none was declared
 * @param piiColumns columns declared as personal data (empty when none was declared)
 * @param piiDeclared whether a PII declaration was made at all (an explicit empty list counts)
 * @param profile the tabular profile, or null for data that is not a table
 */
public record DatasetFacts(
    String name,
    SemanticVersion version,
    String sha256,
    Instant createdAt,
    String license,
    List<String> piiColumns,
    boolean piiDeclared,
    TabularProfile profile) {

  public DatasetFacts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(createdAt, "createdAt");
    piiColumns = List.copyOf(piiColumns);
  }

  /** The profile, when the data is a table. */
  public Optional<TabularProfile> tabular() {
    return Optional.ofNullable(profile);
  }
}
