package dev.mledger.server.artifacts;

import dev.mledger.store.artifact.ArtifactPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a run's artifacts live in the proxied store, from the run's artifact URI, as MLflow's
 * {@code _get_proxied_run_artifact_destination_path} resolves it: {@code
 * mlflow-artifacts:/0/abc/artifacts} and {@code mlflow-artifacts://host/0/abc/artifacts} give
 * {@code 0/abc/artifacts}; {@code http(s)://host/api/2.0/mlflow-artifacts/artifacts/0/abc} gives
 * {@code 0/abc}. Other URIs are not served through the proxy.
 */
final class ProxiedRunArtifacts {
  private static final String HTTP_ANCHOR = "/api/2.0/mlflow-artifacts/artifacts/";

  private ProxiedRunArtifacts() {}

  /** The store path of the run's artifact root, or empty when the URI is not proxied. */
  static Optional<String> rootPath(String artifactUri) {
    if (artifactUri == null) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(artifactUri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    switch (scheme) {
      case "mlflow-artifacts":
        return Optional.of(ArtifactPaths.normalize(stripLeadingSlashes(rawPath)));
      case "http":
      case "https":
        int anchor = rawPath.indexOf(HTTP_ANCHOR);
        if (anchor < 0) {
          return Optional.empty();
        }
        return Optional.of(
            ArtifactPaths.normalize(
                stripLeadingSlashes(rawPath.substring(anchor + HTTP_ANCHOR.length()))));
      default:
        return Optional.empty();
    }
  }

  private static String stripLeadingSlashes(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return path.substring(i);
  }
}
