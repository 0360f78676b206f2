package dev.mledger.cli;

import java.io.PrintWriter;
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
    Path dataDir =
        EmbeddedServer.prepareDataDir(
            data != null ? data : Path.of(System.getProperty("user.home"), ".mledger"));
    EmbeddedServer server = EmbeddedServer.start(host, port, dataDir, store, artifacts);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "mledger-shutdown"));

    out.printf(
        "mledger %s listening on http://%s:%d (store: %s, artifacts: %s)%n",
        VersionProvider.version(),
        host,
        server.port(),
        server.storeDescription(),
        server.artifactDescription());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
