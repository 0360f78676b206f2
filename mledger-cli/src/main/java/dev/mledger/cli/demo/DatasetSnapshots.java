package dev.mledger.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.CliException;
import dev.mledger.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots the pipeline's files as dataset versions through {@code mledger data add}, in process:
 * datasets are versioned next to the data, never through the HTTP API (see docs/DATA.md), and this
 * is the same command a user runs.
 */
final class DatasetSnapshots {
  private final Path dataDir;

  /** Snapshots into the embedded store of {@code dataDir} (the demo server's data directory). */
  DatasetSnapshots(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** A recorded dataset version. */
  record Version(String name, String version, String sha256, long rows, List<String> columns) {
    /** MLflow limits dataset digests to 36 characters; mledger logs the first 32 hex digits. */
    String digest() {
      return sha256.substring(0, 32);
    }

    String ref() {
      return name + "@" + version;
    }
  }

  Version add(Path file, String name, String source) {
    List<String> args =
        List.of(
            "data",
            "add",
            file.toString(),
            "--name",
            name,
            "--source",
            source,
            "--owner",
            "mledger-demo",
            "--license",
            "CC0-1.0",
            "--pii",
            "",
            "--data",
            dataDir.toString(),
            "--json",
            "--quiet");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.newCommandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    if (exit != 0) {
      throw new CliException(
          "snapshotting " + file + " as " + name + " failed: " + err.toString().strip(), exit);
    }
    try {
      JsonNode json = DemoApi.JSON.readTree(out.toString());
      List<String> columns = new ArrayList<>();
      json.path("profile").path("columns").forEach(c -> columns.add(c.path("name").asText()));
      return new Version(
          json.get("name").asText(),
          json.get("version").asText(),
          json.get("sha256").asText(),
          json.path("profile").path("rows").asLong(),
          List.copyOf(columns));
    } catch (IOException | RuntimeException e) {
      throw new CliException("unexpected output of 'data add': " + out, 1, e);
    }
  }
}
