package dev.mledger.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.TrackingStore;
import dev.mledger.store.TrackingStores;
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

  private final TrackingStore store;
  private final MledgerServer server;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private RunningServer(TrackingStore store, String artifactRoot, Duration drainTimeout) {
    this.store = store;
    this.server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, store, artifactRoot, VERSION), drainTimeout);
    int port = server.start();
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** A server on a fresh SQLite database in {@code dir}. */
  public static RunningServer sqlite(Path dir) {
    return onStore("sqlite:///" + dir.toAbsolutePath().resolve("mledger.db"), dir);
  }

  /** A server on the store at {@code storeUri}, artifacts under {@code dir}. */
  public static RunningServer onStore(String storeUri, Path dir) {
    String artifactRoot = dir.toAbsolutePath().resolve("artifacts").toUri().toString();
    return new RunningServer(
        TrackingStores.open(storeUri, artifactRoot), artifactRoot, Duration.ofSeconds(10));
  }

  /** A server on {@code store} (owned by the caller) with the given drain timeout. */
  public static RunningServer wrapping(TrackingStore store, Duration drainTimeout) {
    return new RunningServer(store, "file:///tmp/artifacts", drainTimeout);
  }

  public URI base() {
    return base;
  }

  public MledgerServer server() {
    return server;
  }

  public TrackingStore store() {
    return store;
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
    store.close();
  }
}
