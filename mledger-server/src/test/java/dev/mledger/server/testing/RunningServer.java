package dev.mledger.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import dev.mledger.store.TrackingStore;
import dev.mledger.store.artifact.ArtifactStore;
import dev.mledger.store.artifact.ContentStore;
import dev.mledger.store.artifact.LocalArtifactStore;
import dev.mledger.store.artifact.LocalContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A real server on a random loopback port, backed by a real store, with a small HTTP client. */
public final class RunningServer implements AutoCloseable {
  public static final String VERSION = "0.1.0-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Stores stores;
  private final ArtifactStore artifacts;
  private final ContentStore datasetBlobs;
  private final MledgerServer server;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private RunningServer(
      Stores stores,
      String artifactRoot,
      ArtifactStore artifacts,
      ContentStore datasetBlobs,
      Duration drainTimeout) {
    this.stores = stores;
    this.artifacts = artifacts;
    this.datasetBlobs = datasetBlobs;
    this.server =
        new MledgerServer(
            new ServerConfig(
                "127.0.0.1", 0, stores, artifactRoot, VERSION, artifacts, datasetBlobs),
            drainTimeout);
    int port = server.start();
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** A server on a fresh SQLite database in {@code dir}. */
  public static RunningServer sqlite(Path dir) {
    return onStore("sqlite:///" + dir.toAbsolutePath().resolve("mledger.db"), dir);
  }

  /**
   * A server on the store at {@code storeUri}, run artifacts under {@code dir}, an artifact proxy
   * on a local store in {@code dir/artifact-store}, and dataset bytes in {@code
   * dir/datasets/blobs}.
   */
  public static RunningServer onStore(String storeUri, Path dir) {
    String artifactRoot = dir.toAbsolutePath().resolve("artifacts").toUri().toString();
    return new RunningServer(
        Stores.open(storeUri, artifactRoot),
        artifactRoot,
        new LocalArtifactStore(dir.resolve("artifact-store")),
        new LocalContentStore(dir.resolve("datasets/blobs")),
        Duration.ofSeconds(10));
  }

  /**
   * A server whose new experiments default to {@code artifactRoot} (e.g. {@code mlflow-artifacts:})
   * and whose artifact proxy serves {@code artifacts}; closing the server closes both stores.
   */
  public static RunningServer withArtifacts(
      String storeUri, String artifactRoot, ArtifactStore artifacts) {
    return withArtifacts(storeUri, artifactRoot, artifacts, null);
  }

  /**
   * As {@link #withArtifacts(String, String, ArtifactStore)}, reading dataset bytes from {@code
   * datasetBlobs} (null for none).
   */
  public static RunningServer withArtifacts(
      String storeUri, String artifactRoot, ArtifactStore artifacts, ContentStore datasetBlobs) {
    return new RunningServer(
        Stores.open(storeUri, artifactRoot),
        artifactRoot,
        artifacts,
        datasetBlobs,
        Duration.ofSeconds(10));
  }

  /**
   * A server whose tracking API uses {@code tracking} (e.g. a store that injects failures) and
   * whose other APIs use {@code base}; closing the server closes both.
   */
  public static RunningServer wrapping(Stores base, TrackingStore tracking, Duration drainTimeout) {
    return new RunningServer(
        new StoresWithTracking(base, tracking), "file:///tmp/artifacts", null, null, drainTimeout);
  }

  public URI base() {
    return base;
  }

  public MledgerServer server() {
    return server;
  }

  public TrackingStore store() {
    return stores.tracking();
  }

  public Stores stores() {
    return stores;
  }

  /** The content store of dataset bytes, null when the server has none. */
  public ContentStore datasetBlobs() {
    return datasetBlobs;
  }

  /** The artifact proxy's store; null for a server built by {@link #wrapping}. */
  public ArtifactStore artifacts() {
    return artifacts;
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
  }

  public HttpResponse<String> post(String path, String json) {
    return request("POST", path, json, "application/json");
  }

  public HttpResponse<String> request(String method, String path, String body, String contentType) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  @Override
  public void close() {
    server.stop();
    stores.close();
    if (artifacts != null) {
      artifacts.close();
    }
  }
}
