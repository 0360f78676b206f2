package dev.mledger.store.artifact;

import dev.mledger.core.error.MledgerException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Opens the {@link ArtifactStore} a location names: a directory or {@code s3://bucket/prefix}. */
public final class ArtifactStores {
  private ArtifactStores() {}

  /**
   * Opens the store at {@code location}:
   *
   * <ul>
   *   <li>{@code s3://bucket/prefix}: an {@link S3ArtifactStore} configured from {@code env} as
   *       described in {@link S3ArtifactStore#open(S3Location, Map)};
   *   <li>{@code file:///dir} or a plain directory path: a {@link LocalArtifactStore}.
   * </ul>
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for another scheme or a malformed location
   */
  public static ArtifactStore open(String location, Map<String, String> env) {
    if (location == null || location.isBlank()) {
      throw MledgerException.invalidParameter("The artifact store location is empty.");
    }
    String trimmed = location.strip();
    if (trimmed.regionMatches(true, 0, "s3://", 0, 5)) {
      return S3ArtifactStore.open(S3Location.parse(trimmed), env);
    }
    if (trimmed.matches("[A-Za-z][A-Za-z0-9+.-]+://.*") && !hasScheme(trimmed, "file")) {
      throw MledgerException.invalidParameter(
          "Unsupported artifact store '"
              + trimmed
              + "': use a directory, file:///dir or s3://bucket/prefix.");
    }
    try {
      Path dir = hasScheme(trimmed, "file") ? Path.of(URI.create(trimmed)) : Path.of(trimmed);
      return new LocalArtifactStore(dir);
    } catch (IllegalArgumentException e) {
      throw MledgerException.invalidParameter(
          "Invalid artifact store location '" + trimmed + "': " + e.getMessage());
    }
  }

  private static boolean hasScheme(String location, String scheme) {
    return location.regionMatches(true, 0, scheme + ":", 0, scheme.length() + 1);
  }
}
