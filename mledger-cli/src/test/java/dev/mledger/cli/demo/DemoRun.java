package dev.mledger.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * One run of {@code mledger demo --no-serve --port 0} per test JVM, shared by the test classes that
 * inspect its end state (the scenario takes about a minute; its result is read-only for them).
 */
final class DemoRun {
  private static DemoRun shared;

  final Path dataDir;
  final int exitCode;
  final String out;
  final String err;

  private DemoRun(Path dataDir, int exitCode, String out, String err) {
    this.dataDir = dataDir;
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static synchronized DemoRun shared() {
    if (shared == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("mledger-demo-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path created = dir;
      // Shared by test classes, so no single @TempDir owns it: removed when the test JVM ends.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created)));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = run(out, err, "demo", "--no-serve", "--port", "0", "--data", dir.toString());
      shared = new DemoRun(dir, exit, out.toString(), err.toString());
      assertThat(exit).as("demo output:%n%s%nerrors:%n%s", shared.out, shared.err).isZero();
    }
    return shared;
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort at JVM exit; the directory is under the system temp directory.
    }
  }

  static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
