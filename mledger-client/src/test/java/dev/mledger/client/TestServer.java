package dev.mledger.client;

import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real mledger server on a loopback port over a SQLite store in a temporary directory. It can be
 * stopped and started again on the same port with the same data, to simulate an outage.
 */
final class TestServer implements AutoCloseable {
  private final Stores stores;
  private final String artifactRoot;
  private MledgerServer server;
  private int port;

  TestServer(Path dir) {
    this.artifactRoot = dir.toAbsolutePath().resolve("artifacts").toUri().toString();
    this.stores =
        Stores.open("sqlite:///" + dir.toAbsolutePath().resolve("mledger.db"), artifactRoot);
    start(0);
  }

  private void start(int requestedPort) {
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", requestedPort, stores, artifactRoot, "test"),
            Duration.ofSeconds(5));
    port = server.start();
  }

  String uri() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  Stores stores() {
    return stores;
  }

  /** Stops serving; the data stays. */
  void stop() {
    server.stop();
  }

  /** Serves again on the same port. */
  void restart() {
    start(port);
  }

  /** A client for this server that retries quickly. */
  MledgerClient client() {
    return client(uri());
  }

  static MledgerClient client(String uri) {
    return MledgerClient.builder()
        .trackingUri(uri)
        .environment(java.util.Map.of())
        .requestTimeout(Duration.ofSeconds(20))
        .retryPolicy(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100), 2.0, 0.5))
        .build();
  }

  @Override
  public void close() {
    server.stop();
    stores.close();
  }
}
