package dev.mledger.cli;

import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.ArtifactStore;
import dev.mledger.store.artifact.ArtifactStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running mledger server with the stores it opened: what {@code mledger server} and {@code
 * mledger demo} both start, so the demo exercises exactly the production code path.
 */
public final class EmbeddedServer implements AutoCloseable {
  /** Artifact root given to new experiments: served by this server's artifact proxy. */
  static final String DEFAULT_ARTIFACT_ROOT = "mlflow-artifacts:";

  private final MledgerServer server;
  private final Stores stores;
  private final ArtifactStore artifactStore;
  private final String host;
  private final int port;
  private final String storeUri;
  private final String artifactLocation;

  private EmbeddedServer(
      MledgerServer server,
      Stores stores,
      ArtifactStore artifactStore,
      String host,
      int port,
      String storeUri,
      String artifactLocation) {
    this.server = server;
    this.stores = stores;
    this.artifactStore = artifactStore;
    this.host = host;
    this.port = port;
    this.storeUri = storeUri;
    this.artifactLocation = artifactLocation;
  }

  /**
   * Opens the stores and starts listening.
   *
   * @param store store URI, or {@code null} for SQLite in {@code dataDir}
   * @param artifacts artifact location, or {@code null} for {@code dataDir/artifacts}
   * @throws CliException exit 1 when the address cannot be bound (e.g. the port is taken)
   */
  public static EmbeddedServer start(
      String host, int port, Path dataDir, String store, String artifacts) {
    if (port < 0 || port > 65535) {
      throw new CliException("--port must be between 0 and 65535, got " + port, 2);
    }
    String storeUri = store != null ? store : "sqlite:///" + dataDir.resolve("mledger.db");
    String artifactLocation =
        artifacts != null ? artifacts : dataDir.resolve("artifacts").toString();
    ArtifactStore artifactStore = ArtifactStores.open(artifactLocation, System.getenv());
    Stores stores;
    try {
      stores = Stores.open(storeUri, DEFAULT_ARTIFACT_ROOT);
    } catch (RuntimeException e) {
      artifactStore.close();
      throw e;
    }
    MledgerServer server =
        new MledgerServer(
            new ServerConfig(
                host,
                port,
                stores,
                DEFAULT_ARTIFACT_ROOT,
                VersionProvider.version(),
                artifactStore,
                // Where `mledger data add` keeps snapshots: monitors read reference datasets there,
                // and
                // dataset diffs compare rows.
                new dev.mledger.store.artifact.LocalContentStore(
                    dataDir.resolve("datasets/blobs"))));
    int bound;
    try {
      bound = server.start();
    } catch (RuntimeException e) {
      stores.close();
      artifactStore.close();
      throw new CliException(
          "could not listen on " + host + ":" + port + " (" + rootMessage(e) + ")", 1, e);
    }
    return new EmbeddedServer(
        server, stores, artifactStore, host, bound, storeUri, artifactLocation);
  }

  /** Creates {@code dir} if needed and checks that it is writable; returns it absolute. */
  public static Path prepareDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CliException("cannot create data directory " + dir + ": " + e.getMessage(), 2, e);
    }
    if (!Files.isWritable(dir)) {
      throw new CliException("data directory " + dir + " is not writable", 2);
    }
    return dir.toAbsolutePath().normalize();
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return port;
  }

  /** {@code http://HOST:PORT}. */
  public String baseUrl() {
    return "http://" + host + ":" + port;
  }

  /** The store URI with any password hidden, for printing. */
  public String storeDescription() {
    return redact(storeUri);
  }

  /** The artifact location with any password hidden, for printing. */
  public String artifactDescription() {
    return redact(artifactLocation);
  }

  /** Stops the server, then closes its stores. */
  @Override
  public void close() {
    server.stop();
    stores.close();
    artifactStore.close();
  }

  /** Hides a password in a store URI before it is printed. */
  static String redact(String uri) {
    return uri.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
