package dev.mledger.server.gate;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.artifact.ArtifactStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

  /**
   * Checks locations in the store behind this server's artifact proxy ({@code mlflow-artifacts:/}
   * URIs and {@code http(s)://host/api/2.0/mlflow-artifacts/artifacts/...} URLs) against {@code
   * store}, and local paths as {@link #localFiles()} does; {@code store} null means the server has
   * no proxy and such locations are unverifiable. A store that cannot be reached right now answers
   * "cannot tell", never "missing".
   */
  static ArtifactLocator serving(ArtifactStore store) {
    ArtifactLocator local = localFiles();
    if (store == null) {
      return local;
    }
    return uri -> {
      Optional<String> path = proxiedPath(uri);
      if (path.isEmpty()) {
        return local.exists(uri);
      }
      try {
        return Optional.of(store.exists(path.get()));
      } catch (MledgerException e) {
        if (e.code() == ErrorCode.INVALID_PARAMETER_VALUE) {
          return Optional.of(false); // a path the store refuses cannot hold anything
        }
        return Optional.empty();
      }
    };
  }

  /** The store path of a proxied artifact URI, or empty for any other URI. */
  private static Optional<String> proxiedPath(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    String path = parsed.getPath() == null ? "" : parsed.getPath();
    String anchor = "/api/2.0/mlflow-artifacts/artifacts/";
    if (scheme.equals("mlflow-artifacts")) {
      return Optional.of(stripLeadingSlashes(path));
    }
    if ((scheme.equals("http") || scheme.equals("https")) && path.contains(anchor)) {
      return Optional.of(
          stripLeadingSlashes(path.substring(path.indexOf(anchor) + anchor.length())));
    }
    return Optional.empty();
  }

  private static String stripLeadingSlashes(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return path.substring(i);
  }
}
