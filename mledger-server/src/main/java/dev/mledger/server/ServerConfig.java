package dev.mledger.server;

import dev.mledger.store.Stores;
import dev.mledger.store.artifact.ArtifactStore;
import dev.mledger.store.artifact.ContentStore;
import java.util.Objects;

/**
 * What a {@link MledgerServer} serves and where.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (see {@link MledgerServer#start()})
 * @param stores the stores behind the APIs; owned by the caller, not closed by the server
 * @param defaultArtifactRoot the artifact root new experiments default to (as the store was opened
 *     with)
 * @param version the version reported by {@code GET /version}
 * @param artifacts the store behind the MLflow artifact proxy ({@code /api/2.0/mlflow-artifacts});
 *     owned by the caller, not closed by the server; null for a server that does not serve
 *     artifacts (its proxy endpoints answer 503, as MLflow's {@code --no-serve-artifacts})
 * @param datasetBlobs the content store holding dataset snapshots ({@code DATA/datasets/blobs}),
 *     read when a monitor's reference is a dataset version and for row-level dataset diffs; null
 *     when the server cannot read them (dataset diffs then compare recorded profiles only)
 */
public record ServerConfig(
    String host,
    int port,
    Stores stores,
    String defaultArtifactRoot,
    String version,
    ArtifactStore artifacts,
    ContentStore datasetBlobs) {

  /** A server that does not read dataset snapshots. */
  public ServerConfig(
      String host,
      int port,
      Stores stores,
      String defaultArtifactRoot,
      String version,
      ArtifactStore artifacts) {
    this(host, port, stores, defaultArtifactRoot, version, artifacts, null);
  }

  /** A server without an artifact proxy. */
  public ServerConfig(
      String host, int port, Stores stores, String defaultArtifactRoot, String version) {
    this(host, port, stores, defaultArtifactRoot, version, null, null);
  }

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(version, "version");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
  }
}
