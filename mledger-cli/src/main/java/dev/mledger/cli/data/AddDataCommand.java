package dev.mledger.cli.data;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.progress.ProgressBar;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.DatasetNames;
import dev.mledger.core.dataset.PointerFile;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.store.dataset.DatasetVersion;
import dev.mledger.store.dataset.NewDatasetVersion;
import dev.mledger.store.dataset.Snapshot;
import dev.mledger.store.dataset.Snapshotter;
import dev.mledger.store.dataset.TabularProfiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger data add PATH --name N}: snapshot a file or directory as a new version. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Snapshots a file or directory into the content-addressed store as a new immutable version,",
      "records its provenance and profile (CSV/TSV/Parquet), makes it current and writes NAME.mledger",
      "next to PATH (a pointer file that can be committed to git)."
    })
public final class AddDataCommand implements Callable<Integer> {
  /** MLflow limits dataset digests to 36 characters; the first 32 hex digits identify enough. */
  static final int MLFLOW_DIGEST_LENGTH = 32;

  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Parameters(index = "0", paramLabel = "PATH", description = "File or directory to snapshot.")
  Path path;

  @Option(names = "--name", required = true, description = "Dataset name.")
  String name;

  @Option(names = "--version", description = "Version label MAJOR.MINOR.PATCH (default: bump).")
  String version;

  @Option(
      names = "--bump",
      defaultValue = "minor",
      description =
          "Part of the highest existing version to increment when --version is not given:"
              + " major, minor or patch (default: ${DEFAULT-VALUE}; the first version is 1.0.0).")
  String bump;

  @Option(names = "--source", description = "Where the data comes from (URL, table, script).")
  String source;

  @Option(names = "--owner", description = "Accountable person or team.")
  String owner;

  @Option(names = "--license", description = "License identifier, e.g. CC-BY-4.0.")
  String license;

  @Option(
      names = "--pii",
      description = "Comma-separated columns holding personal data; '' declares none.")
  String pii;

  @Option(names = "--run", description = "MLflow run that produced or uses the data.")
  String runId;

  @Option(names = "--key", split = ",", description = "Row-key column(s) for keyed diffs.")
  List<String> key = List.of();

  @Option(
      names = "--pointer",
      description = "Where to write the pointer file (default: NAME.mledger next to PATH).")
  Path pointer;

  @Option(names = "--threads", description = "Files hashed in parallel (default: CPUs, max 8).")
  Integer threads;

  @Option(names = "--json", description = "Print the new version as one JSON document.")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() {
    DatasetNames.requireValid(name);
    SemanticVersion label = version == null ? null : SemanticVersion.parse(version);
    VersionBump bumpPart = VersionBump.fromName(bump);
    List<String> piiColumns = pii == null ? null : columns(pii);
    PrintWriter err = spec.commandLine().getErr();
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      if (runId != null) {
        ws.stores().tracking().getRun(runId); // fails early, before any bytes are copied
      }
      if (label != null && ws.datasets().find(name, label).isPresent()) {
        throw MledgerException.alreadyExists(
            "Dataset " + name + "@" + label + " already exists; versions are immutable.");
      }
      long total = Files.isRegularFile(path) ? sizeOf(path) : ProgressBar.UNKNOWN_TOTAL;
      Snapshot snapshot;
      Snapshotter snapshotter =
          new Snapshotter(ws.blobs(), threads == null ? DataWorkspace.threads() : threads);
      // Finished (summary line) only on success: a failure prints just the one error line.
      ProgressBar bar = ProgressBar.start("hash " + path, total, quiet || json, err);
      snapshot = snapshotter.snapshot(path, bar::advance);
      bar.finish();
      TabularProfile profile = profile(snapshot, err);
      if (!key.isEmpty() && profile == null) {
        throw new CliException(
            "--key needs a CSV/TSV/Parquet file snapshot; " + path + " was not profiled as a table",
            2);
      }
      DatasetVersion added =
          ws.datasets()
              .add(
                  new NewDatasetVersion(
                      name,
                      label,
                      bumpPart,
                      snapshot.kind(),
                      snapshot.path(),
                      snapshot.manifest(),
                      new Provenance(
                          source, owner, license, piiColumns, runId, DataWorkspace.actor()),
                      key,
                      profile),
                  DataWorkspace.actor());
      if (runId != null) {
        logMlflowInput(ws, added);
      }
      Path pointerFile = writePointer(added);
      print(added, pointerFile);
    }
    return 0;
  }

  private TabularProfile profile(Snapshot snapshot, PrintWriter err) {
    if (snapshot.kind() != DatasetKind.FILE || !TabularProfiler.isTable(snapshot.path())) {
      return null;
    }
    if (snapshot.digest().size() > TabularProfiler.MAX_PROFILED_BYTES) {
      if (!json) {
        err.println(
            "mledger: note: "
                + path
                + " is larger than "
                + DataJson.bytes(TabularProfiler.MAX_PROFILED_BYTES)
                + "; versioned without a tabular profile");
      }
      return null;
    }
    try {
      return TabularProfiler.profile(path);
    } catch (MledgerException e) {
      if (!key.isEmpty()) {
        throw e;
      }
      err.println("mledger: warning: not profiled as a table: " + e.getMessage());
      return null;
    }
  }

  private static void logMlflowInput(DataWorkspace ws, DatasetVersion v) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("uri", "mledger://datasets/" + v.name() + "/versions/" + v.version());
    source.put("sha256", v.sha256());
    String schema = null;
    String profile = null;
    if (v.profile() != null) {
      List<Map<String, Object>> cols =
          v.profile().columns().stream()
              .map(
                  c ->
                      Map.<String, Object>of(
                          "name",
                          c.name(),
                          "type",
                          c.type().equals("numeric") ? "double" : "string"))
              .toList();
      schema = CanonicalJson.write(Map.of("mlflow_colspec", cols));
      profile = CanonicalJson.write(Map.of("num_rows", v.profile().rows()));
    }
    Dataset dataset =
        new Dataset(
            v.name(),
            v.sha256().substring(0, MLFLOW_DIGEST_LENGTH),
            "mledger",
            CanonicalJson.write(source),
            schema,
            profile);
    ws.stores()
        .tracking()
        .logInputs(
            v.provenance().runId(),
            List.of(
                new DatasetInput(
                    List.of(
                        new InputTag("mlflow.data.context", "training"),
                        new InputTag("mledger.dataset.version", v.version().toString())),
                    dataset)));
  }

  private Path writePointer(DatasetVersion v) {
    Path target = pointer;
    if (target == null) {
      Path parent = path.toAbsolutePath().normalize().getParent();
      target = parent.resolve(v.name() + PointerFile.EXTENSION);
    }
    Pointers.write(target, v.pointer());
    return target;
  }

  private void print(DatasetVersion v, Path pointerFile) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = DataJson.version(v, false);
      doc.put("pointer_file", pointerFile.toString());
      JsonOutput.print(out, doc);
      return;
    }
    out.printf(
        "Added %s (%s, %d file%s, %s)%n  sha256  %s%n  pointer %s%n",
        v.ref(),
        v.kind().jsonName(),
        v.files(),
        v.files() == 1 ? "" : "s",
        DataJson.bytes(v.size()),
        v.sha256(),
        pointerFile);
    if (v.profile() != null) {
      out.printf(
          "  table   %d rows, %d columns%n", v.profile().rows(), v.profile().columns().size());
    }
    out.flush();
  }

  private static List<String> columns(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return ProgressBar.UNKNOWN_TOTAL;
    }
  }
}
