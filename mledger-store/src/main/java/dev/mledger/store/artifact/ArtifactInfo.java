package dev.mledger.store.artifact;

import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows about one stored file.
 *
 * @param path normalised path relative to the store's root
 * @param size length in bytes
 * @param sha256 lower-case hex SHA-256 of the content; always present for files written through
 *     mledger, absent only for objects another tool put into an S3 bucket without mledger's
 *     checksum metadata
 */
public record ArtifactInfo(String path, long size, Optional<String> sha256) {
  public ArtifactInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /** A file written through mledger, whose checksum is known. */
  public static ArtifactInfo of(String path, long size, String sha256) {
    return new ArtifactInfo(path, size, Optional.of(sha256));
  }
}
