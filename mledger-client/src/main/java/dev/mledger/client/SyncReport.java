package dev.mledger.client;

import java.util.List;

/** The outcome of one {@link SpoolSync#syncAll()}: one result per spooled run. */
public record SyncReport(List<RunSyncResult> runs) {
  public SyncReport {
    runs = List.copyOf(runs);
  }

  public long synced() {
    return count(RunSyncResult.Outcome.SYNCED);
  }

  public long inUse() {
    return count(RunSyncResult.Outcome.IN_USE);
  }

  public long failed() {
    return count(RunSyncResult.Outcome.FAILED);
  }

  /** Journal records replayed in this sync, over all runs. */
  public long recordsApplied() {
    return runs.stream().mapToLong(RunSyncResult::recordsApplied).sum();
  }

  /** True when no run failed (runs still being written are not failures). */
  public boolean ok() {
    return failed() == 0;
  }

  private long count(RunSyncResult.Outcome outcome) {
    return runs.stream().filter(r -> r.outcome() == outcome).count();
  }
}
