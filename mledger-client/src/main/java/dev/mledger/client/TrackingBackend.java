package dev.mledger.client;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries run operations to the server or, offline, to the spool. In online mode with fallback
 * enabled, an operation that fails with {@link ServerUnavailableException} (the retry budget is
 * spent) moves the run to the spool, where that operation and all later ones are journaled for
 * {@code mledger sync}.
 */
final class TrackingBackend {
  private static final System.Logger LOG = System.getLogger(TrackingBackend.class.getName());

  private final MledgerClient client;
  private final Spool spool;
  private final boolean offline;
  private final boolean fallback;

  /**
   * @param client null when {@code offline}
   * @param spool null when neither {@code offline} nor {@code fallback}
   */
  TrackingBackend(MledgerClient client, Spool spool, boolean offline, boolean fallback) {
    this.client = client;
    this.spool = spool;
    this.offline = offline;
    this.fallback = fallback;
  }

  boolean offline() {
    return offline;
  }

  /** What a new run is created with. */
  record RunSpec(
      String experimentName,
      String experimentId,
      String runName,
      long startTime,
      String userId,
      List<RunTag> tags) {}

  void create(RunHandle run, RunSpec spec) {
    RunHandle parent = run.parent();
    boolean parentSpooled = parent != null && parent.spooled() && parent.runId() == null;
    if (!offline && !parentSpooled) {
      try {
        createOnServer(run, spec);
        return;
      } catch (ServerUnavailableException e) {
        if (!fallback) {
          throw e;
        }
        warnFallback(run, e);
      }
    }
    Spool.Journal journal = spool.create(run.clientRunId());
    run.journal(journal);
    List<RunTag> tags = new ArrayList<>(spec.tags());
    String parentClientRunId = null;
    String parentRunId = null;
    if (parent != null) {
      if (parent.runId() != null) {
        parentRunId = parent.runId();
        tags.add(new RunTag(Tracker.PARENT_RUN_ID_TAG, parentRunId));
      } else {
        parentClientRunId = parent.clientRunId();
      }
    }
    String experimentId = spec.experimentId() != null ? spec.experimentId() : run.experimentId();
    String finalParentClientRunId = parentClientRunId;
    String finalParentRunId = parentRunId;
    journal.append(
        seq ->
            new JournalRecord.Create(
                seq,
                run.clientRunId(),
                spec.experimentName(),
                experimentId,
                spec.runName(),
                spec.startTime(),
                spec.userId(),
                tags,
                finalParentClientRunId,
                finalParentRunId));
  }

  private void createOnServer(RunHandle run, RunSpec spec) {
    String experimentId =
        spec.experimentId() != null
            ? spec.experimentId()
            : client.getOrCreateExperiment(spec.experimentName());
    run.experimentId(experimentId);
    List<RunTag> tags = new ArrayList<>(spec.tags());
    if (run.parent() != null) {
      tags.add(new RunTag(Tracker.PARENT_RUN_ID_TAG, run.parent().runId()));
    }
    Run created =
        client.createRun(experimentId, spec.runName(), spec.startTime(), spec.userId(), tags);
    run.runId(created.info().runId());
  }

  void logBatch(RunHandle run, Batch batch) {
    if (!run.spooled()) {
      try {
        client.logBatch(run.runId(), batch.metrics(), batch.params(), batch.tags());
        return;
      } catch (ServerUnavailableException e) {
        goOffline(run, e);
      }
    }
    run.journal().append(seq -> new JournalRecord.LogBatch(seq, batch));
  }

  void logInputs(RunHandle run, List<DatasetInput> inputs) {
    if (!run.spooled()) {
      try {
        client.logInputs(run.runId(), inputs);
        return;
      } catch (ServerUnavailableException e) {
        goOffline(run, e);
      }
    }
    run.journal().append(seq -> new JournalRecord.LogInputs(seq, inputs));
  }

  void end(RunHandle run, RunStatus status, long endTime) {
    if (!run.spooled()) {
      try {
        client.updateRun(run.runId(), status, endTime, null);
        return;
      } catch (ServerUnavailableException e) {
        goOffline(run, e);
      }
    }
    Spool.Journal journal = run.journal();
    try {
      journal.append(seq -> new JournalRecord.End(seq, status, endTime));
    } finally {
      journal.close();
    }
  }

  /** Moves a run that lives on the server into the spool, or rethrows without fallback. */
  private synchronized void goOffline(RunHandle run, ServerUnavailableException cause) {
    if (!fallback) {
      throw cause;
    }
    if (run.spooled()) {
      return;
    }
    warnFallback(run, cause);
    Spool.Journal journal = spool.create(run.clientRunId());
    journal.append(seq -> new JournalRecord.Attach(seq, run.clientRunId(), run.runId()));
    run.journal(journal);
  }

  private void warnFallback(RunHandle run, MledgerException cause) {
    LOG.log(
        System.Logger.Level.WARNING,
        "Tracking server unavailable ({0}); run {1} continues in the offline spool {2}."
            + " Upload it later with `mledger sync`.",
        cause.getMessage(),
        run.clientRunId(),
        spool.directory());
  }
}
