package dev.mledger.client;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.RunTag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Uploads the runs of an offline spool to a tracking server (what {@code mledger sync} runs).
 *
 * <p>Exactly once: each run's journal is replayed in order and a checkpoint (the server run id and
 * the last applied record) is written atomically after every record. A sync interrupted at any
 * point resumes after the last checkpoint, and the one record that may have reached the server
 * without being checkpointed is harmless to repeat: runs are created only after looking up their
 * {@value MledgerClient#CLIENT_RUN_ID_TAG} tag, MLflow's store ignores identical metric rows,
 * params re-logged with the same value and dataset inputs already linked, and tags and run ends are
 * plain overwrites. A run's journal is removed once it is fully synced; its checkpoint stays,
 * mapping the local id to the server id for nested runs synced later.
 */
public final class SpoolSync {
  private final Spool spool;
  private final MledgerClient client;
  private SyncListener listener = new SyncListener() {};

  public SpoolSync(Path spoolDirectory, MledgerClient client) {
    this.spool = new Spool(Objects.requireNonNull(spoolDirectory, "spoolDirectory"));
    this.client = Objects.requireNonNull(client, "client");
  }

  /** {@code MLEDGER_SPOOL_DIR}, else {@code ~/.mledger/spool}. */
  public static Path defaultSpoolDirectory() {
    return Spool.defaultDirectory(System.getenv());
  }

  public SpoolSync listener(SyncListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return this;
  }

  /** Replays every journal in the spool; parents are synced before their nested runs. */
  public SyncReport syncAll() {
    if (!Files.isDirectory(spool.directory())) {
      return new SyncReport(List.of());
    }
    Map<String, RunSyncResult> results = new LinkedHashMap<>();
    Set<String> inProgress = new HashSet<>();
    for (String clientRunId : spool.journalIds()) {
      sync(clientRunId, results, inProgress);
    }
    return new SyncReport(new ArrayList<>(results.values()));
  }

  private RunSyncResult sync(
      String clientRunId, Map<String, RunSyncResult> results, Set<String> inProgress) {
    RunSyncResult known = results.get(clientRunId);
    if (known != null) {
      return known;
    }
    inProgress.add(clientRunId);
    RunSyncResult result = replay(clientRunId, results, inProgress);
    inProgress.remove(clientRunId);
    results.put(clientRunId, result);
    listener.runFinished(result);
    return result;
  }

  private RunSyncResult replay(
      String clientRunId, Map<String, RunSyncResult> results, Set<String> inProgress) {
    Spool.SyncState state = spool.state(clientRunId);
    if (spool.inUse(clientRunId)) {
      return new RunSyncResult(
          clientRunId,
          state.runId(),
          RunSyncResult.Outcome.IN_USE,
          0,
          "the run is still being recorded by a running program");
    }
    Spool.Contents contents;
    try {
      contents = spool.read(clientRunId);
    } catch (MledgerException e) {
      return new RunSyncResult(
          clientRunId, state.runId(), RunSyncResult.Outcome.FAILED, 0, e.getMessage());
    }
    String runId = state.runId();
    long applied = state.appliedSeq();
    int pending =
        (int) contents.records().stream().filter(r -> r.seq() > state.appliedSeq()).count();
    listener.runStarted(clientRunId, pending);
    int count = 0;
    try {
      for (JournalRecord record : contents.records()) {
        if (record.seq() <= applied) {
          continue;
        }
        runId = apply(record, runId, results, inProgress);
        applied = record.seq();
        spool.saveState(clientRunId, new Spool.SyncState(runId, applied, false));
        count++;
      }
    } catch (WaitForParent e) {
      return new RunSyncResult(
          clientRunId, runId, RunSyncResult.Outcome.IN_USE, count, e.getMessage());
    } catch (MledgerException e) {
      return new RunSyncResult(
          clientRunId, runId, RunSyncResult.Outcome.FAILED, count, e.getMessage());
    }
    // The journal is unlocked, so its writer is gone and nothing more will be appended.
    spool.saveState(clientRunId, new Spool.SyncState(runId, applied, true));
    spool.removeJournal(clientRunId);
    return new RunSyncResult(clientRunId, runId, RunSyncResult.Outcome.SYNCED, count, null);
  }

  private String apply(
      JournalRecord record,
      String runId,
      Map<String, RunSyncResult> results,
      Set<String> inProgress) {
    if (record instanceof JournalRecord.Create create) {
      return create(create, results, inProgress);
    }
    if (record instanceof JournalRecord.Attach attach) {
      return attach.runId();
    }
    if (runId == null) {
      throw new MledgerException(
          ErrorCode.IO_ERROR,
          "The journal's record " + record.seq() + " comes before the run was created or attached");
    }
    if (record instanceof JournalRecord.LogBatch batch) {
      client.logBatch(runId, batch.batch().metrics(), batch.batch().params(), batch.batch().tags());
    } else if (record instanceof JournalRecord.LogInputs inputs) {
      client.logInputs(runId, inputs.inputs());
    } else if (record instanceof JournalRecord.End end) {
      client.updateRun(runId, end.status(), end.endTime(), null);
    }
    return runId;
  }

  private String create(
      JournalRecord.Create create, Map<String, RunSyncResult> results, Set<String> inProgress) {
    String experimentId =
        create.experimentId() != null
            ? create.experimentId()
            : client.getOrCreateExperiment(create.experimentName());
    Optional<String> existing =
        client
            .findRunByClientRunId(experimentId, create.clientRunId())
            .map(run -> run.info().runId());
    if (existing.isPresent()) {
      return existing.get();
    }
    List<RunTag> tags = new ArrayList<>(create.tags());
    if (create.parentClientRunId() != null) {
      String parentRunId =
          parentRunId(create.parentClientRunId(), experimentId, results, inProgress);
      tags.add(new RunTag(MlflowTags.PARENT_RUN_ID, parentRunId));
    }
    return client
        .createRun(experimentId, create.runName(), create.startTime(), create.userId(), tags)
        .info()
        .runId();
  }

  /** The server id of a spooled parent run, syncing the parent first if needed. */
  private String parentRunId(
      String parentClientRunId,
      String experimentId,
      Map<String, RunSyncResult> results,
      Set<String> inProgress) {
    Optional<String> synced = spool.syncedRunId(parentClientRunId);
    if (synced.isEmpty() && Files.exists(spool.journalPath(parentClientRunId))) {
      if (inProgress.contains(parentClientRunId)) {
        throw new MledgerException(
            ErrorCode.IO_ERROR, "Run " + parentClientRunId + " is its own ancestor in the spool");
      }
      RunSyncResult parent = sync(parentClientRunId, results, inProgress);
      if (parent.runId() == null && parent.outcome() == RunSyncResult.Outcome.IN_USE) {
        throw new WaitForParent(parentClientRunId, parent);
      }
      if (parent.runId() == null) {
        throw new MledgerException(
            ErrorCode.IO_ERROR,
            "The parent run " + parentClientRunId + " could not be synced: " + parent.message());
      }
      synced = Optional.of(parent.runId());
    }
    if (synced.isEmpty()) {
      synced =
          client.findRunByClientRunId(experimentId, parentClientRunId).map(r -> r.info().runId());
    }
    return synced.orElseThrow(
        () ->
            MledgerException.notFound(
                "The parent run "
                    + parentClientRunId
                    + " is neither in the spool nor on the server"));
  }

  /** The parent run has not reached the server yet: the child waits for a later sync. */
  private static final class WaitForParent extends MledgerException {
    WaitForParent(String parentClientRunId, RunSyncResult parent) {
      super(
          ErrorCode.TEMPORARILY_UNAVAILABLE,
          "waiting for parent run "
              + parentClientRunId
              + " ("
              + (parent.message() == null ? parent.outcome() : parent.message())
              + ")");
    }
  }
}
