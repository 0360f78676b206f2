package dev.mledger.cli;

import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.RunSyncResult;
import dev.mledger.client.SpoolSync;
import dev.mledger.client.SyncListener;
import dev.mledger.client.SyncReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mledger sync}: uploads runs the Java SDK recorded offline (the spool) to a tracking
 * server, exactly once; an interrupted sync resumes where it stopped.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Upload runs recorded offline by the Java SDK (MLEDGER_OFFLINE=1 or an unreachable server)"
          + " to a tracking server.",
      "Each run is replayed exactly once; a sync interrupted half-way resumes where it stopped."
          + " Runs still being recorded are skipped until their program ends."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every run is synced (or still being recorded)",
      "1:some runs could not be synced; run `mledger sync` again",
      "2:invalid usage",
      "3:the tracking server could not be reached"
    })
public final class SyncCommand extends TrackingCommand {

  /** Exit code when some runs failed to sync (the rest of the spool was still processed). */
  static final int SOME_RUNS_FAILED = 1;

  @Option(
      names = "--spool",
      paramLabel = "DIR",
      description = "Spool directory (default: $MLEDGER_SPOOL_DIR, else ~/.mledger/spool).")
  Path spool;

  @Override
  protected int execute(MledgerClient client) {
    Path directory = spool != null ? spool : SpoolSync.defaultSpoolDirectory();
    PrintWriter out = out();
    SpoolSync sync = new SpoolSync(directory, client);
    if (!json()) {
      sync.listener(new TextProgress(out));
    }
    SyncReport report = sync.syncAll();
    if (json()) {
      JsonOutput.print(out, document(directory, client, report));
    } else {
      out.printf(
          "%s %d run(s) (%d record(s)) to %s; %d still being recorded, %d failed.%n",
          report.runs().isEmpty() ? "Nothing to sync in " + directory + ":" : "Synced",
          report.synced(),
          report.recordsApplied(),
          client.trackingUri(),
          report.inUse(),
          report.failed());
      out.flush();
    }
    if (!report.ok()) {
      spec.commandLine()
          .getErr()
          .println(
              "mledger: "
                  + report.failed()
                  + " run(s) could not be synced; their progress is kept, run `mledger sync`"
                  + " again");
      return SOME_RUNS_FAILED;
    }
    return 0;
  }

  private static Map<String, Object> document(
      Path directory, MledgerClient client, SyncReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("spool", directory.toAbsolutePath().toString());
    doc.put("tracking_uri", client.trackingUri().toString());
    doc.put("synced", report.synced());
    doc.put("in_use", report.inUse());
    doc.put("failed", report.failed());
    doc.put("records_applied", report.recordsApplied());
    List<Map<String, Object>> runs = new ArrayList<>();
    for (RunSyncResult result : report.runs()) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("client_run_id", result.clientRunId());
      run.put("run_id", result.runId());
      run.put("outcome", result.outcome().name());
      run.put("records_applied", result.recordsApplied());
      run.put("message", result.message());
      runs.add(run);
    }
    doc.put("runs", runs);
    return doc;
  }

  /** One line per run as it finishes, so a long sync shows progress. */
  private static final class TextProgress implements SyncListener {
    private final PrintWriter out;

    TextProgress(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void runStarted(String clientRunId, int pendingRecords) {
      out.printf("syncing %s (%d record(s))...%n", clientRunId, pendingRecords);
      out.flush();
    }

    @Override
    public void runFinished(RunSyncResult result) {
      switch (result.outcome()) {
        case SYNCED ->
            out.printf(
                "  synced  %s -> run %s (%d record(s))%n",
                result.clientRunId(), result.runId(), result.recordsApplied());
        case IN_USE -> out.printf("  skipped %s: %s%n", result.clientRunId(), result.message());
        case FAILED -> out.printf("  failed  %s: %s%n", result.clientRunId(), result.message());
      }
      out.flush();
    }
  }
}
