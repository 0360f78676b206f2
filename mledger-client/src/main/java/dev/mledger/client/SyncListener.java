package dev.mledger.client;

/** Progress of a {@link SpoolSync}, e.g. for a command line's output. */
public interface SyncListener {
  /** A run's replay starts with {@code pendingRecords} records not yet on the server. */
  default void runStarted(String clientRunId, int pendingRecords) {}

  /** A run's replay ended (synced, skipped or failed). */
  default void runFinished(RunSyncResult result) {}
}
