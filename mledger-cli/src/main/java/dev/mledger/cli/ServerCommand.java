package dev.mledger.cli;

import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.ArtifactStore;
import dev.mledger.store.artifact.ArtifactStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mledger server}: the tracking server on the embedded store or a PostgreSQL database. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Starts the mledger server (MLflow-compatible REST API, native API, UI).",
      "GET /health answers 200 OK once the server is ready. Stop it with Ctrl-C (graceful)."
    })
public final class ServerCommand implements Callable<Integer> {

  /** Artifact root given to new experiments: served by this server's artifact proxy. */
  static final String DEFAULT_ARTIFACT_ROOT = "mlflow-artifacts:";

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "5000",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data",
      description = "Data directory for the embedded store (default: ~/.mledger).")
  Path data;

  @Option(
      names = "--store",
      description =
          "Store URI: sqlite:///path/mledger.db or postgresql://user:pass@host:port/db"
              + " (default: sqlite in the data directory).")
  String store;

  @Option(
      names = "--artifacts",
      paramLabel = "DIR|s3://bucket/prefix",
      description =
          "Artifact store behind the MLflow artifact proxy: a directory or s3://bucket/prefix"
              + " (S3 endpoint and credentials from MLFLOW_S3_ENDPOINT_URL and the standard AWS"
              + " variables; default: the data directory's artifacts folder).")
  String artifacts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (port < 0 || port > 65535) {
      throw new CliException("--port must be between 0 and 65535, got " + port, 2);
    }
    Path dataDir = resolveDataDir();
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
                artifactStore));
    int bound;
    try {
      bound = server.start();
    } catch (RuntimeException e) {
      stores.close();
      artifactStore.close();
      throw new CliException(
          "could not listen on " + host + ":" + port + " (" + rootMessage(e) + ")", 1, e);
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stores.close();
                  artifactStore.close();
                  stopped.countDown();
                },
                "mledger-shutdown"));

    out.printf(
        "mledger %s listening on http://%s:%d (store: %s, artifacts: %s)%n",
        VersionProvider.version(), host, bound, redact(storeUri), redact(artifactLocation));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private Path resolveDataDir() {
    Path dir = data != null ? data : Path.of(System.getProperty("user.home"), ".mledger");
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
