package dev.mledger.server.gate;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Answers whether an artifact or data location still exists, for dependency-closure checks. An
 * empty answer means this process cannot tell (for example an object store it has no client for).
 */
@FunctionalInterface
public interface ArtifactLocator {

  /** Whether {@code uri} resolves: true, false, or empty when it cannot be checked from here. */
  Optional<Boolean> exists(String uri);

  /** Checks local paths and {@code file:} URIs; every other scheme is unverifiable. */
  static ArtifactLocator localFiles() {
    return uri -> {
      if (uri == null || uri.isBlank()) {
        return Optional.of(false);
      }
      try {
        if (uri.startsWith("file:")) {
          return Optional.of(Files.exists(Path.of(URI.create(uri))));
        }
        if (uri.startsWith("/")) {
          return Optional.of(Files.exists(Path.of(uri)));
        }
      } catch (IllegalArgumentException e) { // includes InvalidPathException
        return Optional.of(false);
      }
      return Optional.empty();
    };
  }
}
