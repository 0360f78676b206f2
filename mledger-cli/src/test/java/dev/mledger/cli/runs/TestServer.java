package dev.mledger.cli.runs;

import dev.mledger.client.MledgerClient;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real mledger server on a random port over a fresh SQLite database, for CLI tests. */
public final class TestServer implements AutoCloseable {
  private final Stores stores;
  private final MledgerServer server;
  private final String uri;

  private TestServer(Path dir) {
    String artifactRoot = dir.resolve("artifacts").toUri().toString();
    stores = Stores.open("sqlite:///" + dir.resolve("mledger.db"), artifactRoot);
    server = new MledgerServer(new ServerConfig("127.0.0.1", 0, stores, artifactRoot, "test"));
    uri = "http://127.0.0.1:" + server.start();
  }

  public static TestServer start() {
    try {
      return new TestServer(Files.createTempDirectory("mledger-cli-test"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String uri() {
    return uri;
  }

  public MledgerClient client() {
    return MledgerClient.builder().trackingUri(uri).build();
  }

  @Override
  public void close() {
    server.stop();
    stores.close();
  }
}
