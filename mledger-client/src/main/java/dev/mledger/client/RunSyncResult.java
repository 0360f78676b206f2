package dev.mledger.client;

/**
 * What {@link SpoolSync} did with one spooled run.
 *
 * @param clientRunId the run's local id (its journal's name)
 * @param runId the server's run id, or null if the run was not created yet
 * @param outcome whether the run is now fully on the server
 * @param recordsApplied journal records replayed in this sync
 * @param message why a run was skipped or failed; null when synced
 */
public record RunSyncResult(
    String clientRunId, String runId, Outcome outcome, int recordsApplied, String message) {

  /** The state of a spooled run after a sync. */
  public enum Outcome {
    /** Everything in the journal is on the server; the journal was removed. */
    SYNCED,
    /** The journal (or its parent run's) is still being written; sync again later. */
    IN_USE,
    /** Replay stopped at an error; progress is kept and a later sync resumes after it. */
    FAILED
  }
}
