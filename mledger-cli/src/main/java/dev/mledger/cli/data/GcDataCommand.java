package dev.mledger.cli.data;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.core.dataset.Durations;
import dev.mledger.store.artifact.BlobCollection;
import dev.mledger.store.artifact.LocalContentStore.SweepProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mledger data gc}: remove dataset blobs no version references. */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description = {
      "Removes dataset blobs that no recorded version references (left by interrupted or refused",
      "adds) from DATA/datasets/blobs. Every version's manifest is the mark set; blobs written or",
      "re-used within --min-age are kept, so a concurrent 'data add' is never broken. Run artifacts",
      "live in their own store and are not touched. --dry-run only reports what would be freed."
    })
public final class GcDataCommand implements Callable<Integer> {
  private static final long PROGRESS_MILLIS = 2_000;

  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Option(names = "--dry-run", description = "Report what would be removed; remove nothing.")
  boolean dryRun;

  @Option(
      names = "--min-age",
      defaultValue = "1h",
      paramLabel = "DURATION",
      description =
          "Keep blobs written or re-used more recently (default: ${DEFAULT-VALUE}); 30s, 15m, 12h,"
              + " 7d or ISO-8601. It must exceed the longest running 'data add'.")
  String minAge;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output.")
  boolean quiet;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    Duration grace = Durations.parse(minAge);
    if (grace.isNegative()) {
      throw new CliException("--min-age must not be negative", 2);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      BlobCollection c =
          ws.blobs()
              .collect(
                  ws.datasets()::referencedBlobs,
                  grace,
                  dryRun,
                  quiet || json ? SweepProgress.NONE : progress(err));
      if (!dryRun && c.removed() + c.temporaryFiles() > 0) {
        ws.stores()
            .audit()
            .append(
                DataWorkspace.actor(),
                "dataset.gc",
                "dataset_blobs",
                "datasets/blobs",
                Map.of(
                    "removed_blobs", c.removed(),
                    "freed_bytes", c.bytesFreed() + c.temporaryBytes(),
                    "min_age_seconds", grace.toSeconds()));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        JsonOutput.print(out, toJson(c, grace));
      } else {
        print(out, c, grace);
      }
    }
    return 0;
  }

  /** A line on stderr at most every two seconds, so long sweeps show they are moving. */
  private static SweepProgress progress(PrintWriter err) {
    long[] last = {System.currentTimeMillis()};
    return (done, total, scanned) -> {
      long now = System.currentTimeMillis();
      if (now - last[0] >= PROGRESS_MILLIS && done < total) {
        last[0] = now;
        err.printf("gc: %d/%d directories, %d blobs scanned%n", done, total, scanned);
        err.flush();
      }
    };
  }

  private static Map<String, Object> toJson(BlobCollection c, Duration grace) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dry_run", c.dryRun());
    m.put("min_age_seconds", grace.toSeconds());
    m.put("scanned_blobs", c.scanned());
    m.put("scanned_bytes", c.scannedBytes());
    m.put("referenced_blobs", c.referenced());
    m.put("recent_blobs", c.recent());
    m.put("unreferenced_blobs", c.unreferenced());
    m.put("unreferenced_bytes", c.unreferencedBytes());
    m.put("removed_blobs", c.removed());
    m.put("freed_bytes", c.bytesFreed() + c.temporaryBytes());
    m.put("temporary_files", c.temporaryFiles());
    m.put("temporary_bytes", c.temporaryBytes());
    return m;
  }

  private static void print(PrintWriter out, BlobCollection c, Duration grace) {
    out.printf(
        "scanned %d blobs (%s): %d referenced, %d newer than %s kept%n",
        c.scanned(),
        DataJson.bytes(c.scannedBytes()),
        c.referenced(),
        c.recent(),
        Durations.format(grace));
    if (c.dryRun()) {
      out.printf(
          "would remove %d unreferenced blob%s (%s) and %d temporary file%s (%s); dry run, nothing"
              + " removed%n",
          c.unreferenced(),
          c.unreferenced() == 1 ? "" : "s",
          DataJson.bytes(c.unreferencedBytes()),
          c.temporaryFiles(),
          c.temporaryFiles() == 1 ? "" : "s",
          DataJson.bytes(c.temporaryBytes()));
    } else {
      out.printf(
          "removed %d unreferenced blob%s and %d temporary file%s, freed %s%n",
          c.removed(),
          c.removed() == 1 ? "" : "s",
          c.temporaryFiles(),
          c.temporaryFiles() == 1 ? "" : "s",
          DataJson.bytes(c.bytesFreed() + c.temporaryBytes()));
    }
    out.flush();
  }
}
