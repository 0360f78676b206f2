package dev.mledger.cli.demo;

import dev.mledger.cli.CliException;
import dev.mledger.cli.EmbeddedServer;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.Tracker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mledger demo}: starts the server in-process (the code path of {@code mledger server}) on a
 * fresh data directory, runs the end-to-end scenario through the public APIs with a progress line
 * per step, prints the UI links and keeps serving until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    subcommands = RetrainCommand.class,
    description = {
      "Runs the end-to-end demo against an embedded server and prints the UI links:",
      "synthetic data versioned raw -> clean -> features, a sweep of linear/ridge models x 5 seeds",
      "with envelopes, statistics, registry and release gate, a monitor that sees a shift in",
      "production traffic, the retraining loop promoting a new champion, lineage and LLM traces."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "5000",
      description = "Port to serve on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--data",
      description =
          "Data directory (default: a new directory under ~/.mledger-demo). An existing"
              + " non-empty directory is refused unless --force is given.")
  Path data;

  @Option(names = "--force", description = "Run in a non-empty --data directory.")
  boolean force;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of everything random in the scenario (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-serve", description = "Stop after the scenario instead of serving the UI.")
  boolean noServe;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = EmbeddedServer.prepareDataDir(chooseDataDir());
    QuietLogs quiet = QuietLogs.unlessConfigured();
    EmbeddedServer server;
    try {
      server = EmbeddedServer.start(host, port, dataDir, null, null);
    } catch (CliException e) {
      throw new CliException(
          e.getMessage() + "; choose another port with --port (0 picks a free one)",
          e.exitCode(),
          e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "mledger-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean serving = false;
    try {
      out.printf(
          "mledger demo: server on %s, data in %s (seed %d)%n", server.baseUrl(), dataDir, seed);
      out.flush();
      DemoScenario.Result result = runScenario(server, dataDir, out);
      printLinks(out, server, result, dataDir);
      serving = !noServe;
    } finally {
      if (!serving) {
        Runtime.getRuntime().removeShutdownHook(hook);
        server.close();
        quiet.restore();
      }
    }
    if (noServe) {
      return 0;
    }
    out.println("Serving until Ctrl-C.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private DemoScenario.Result runScenario(EmbeddedServer server, Path dataDir, PrintWriter out) {
    Path workDir = dataDir.resolve("demo");
    Progress progress = new Progress(out, DemoScenario.STEPS);
    try (MledgerClient client = MledgerClient.builder().trackingUri(server.baseUrl()).build();
        Tracker tracker =
            Tracker.builder()
                .client(client)
                .fallbackToSpool(false)
                .spoolDirectory(workDir.resolve("spool"))
                .build()) {
      DemoContext ctx =
          new DemoContext(dataDir, workDir, seed, client, tracker, new DemoApi(client), progress);
      DemoScenario.Result result =
          new DemoScenario(ctx, new RetrainLauncher(dataDir, workDir, seed)).run();
      out.printf(Locale.ROOT, "Demo finished in %.1f s.%n", progress.elapsedSeconds());
      return result;
    }
  }

  private void printLinks(
      PrintWriter out, EmbeddedServer server, DemoScenario.Result result, Path dataDir) {
    out.println();
    out.println("Open the UI: " + server.baseUrl() + "/ui/");
    List<UiPages.Page> pages = UiPages.of(result).stream().filter(UiPages.Page::highlight).toList();
    int width = pages.stream().mapToInt(p -> p.title().length()).max().orElse(0);
    for (UiPages.Page page : pages) {
      out.printf("  %-" + width + "s  %s%n", page.title(), page.url(server.baseUrl()));
    }
    out.println(
        "Serve this data again later with: mledger server --data "
            + dataDir
            + " --port "
            + server.port());
    out.flush();
  }

  private Path chooseDataDir() {
    if (data != null) {
      if (!force && isNonEmptyDirectory(data)) {
        throw new CliException(
            "--data " + data + " is not empty; pass --force to run the demo in it anyway", 2);
      }
      return data;
    }
    String name =
        "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path home = Path.of(System.getProperty("user.home"), ".mledger-demo");
    Path candidate = home.resolve(name);
    for (int i = 2; Files.exists(candidate); i++) {
      candidate = home.resolve(name + "-" + i);
    }
    if (Files.isWritable(home) || (!Files.exists(home) && Files.isWritable(home.getParent()))) {
      return candidate;
    }
    try {
      return Files.createTempDirectory("mledger-demo-");
    } catch (IOException e) {
      throw new CliException("cannot create a data directory: " + e.getMessage(), 1, e);
    }
  }

  private static boolean isNonEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Files.exists(dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new CliException("cannot read --data " + dir + ": " + e.getMessage(), 2, e);
    }
  }
}
