package dev.mledger.client;

import dev.mledger.core.error.MledgerException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where one started run lives: on the server ({@code runId} set, no journal), or in the offline
 * spool (journal set; {@code runId} kept if the run reached the server before going offline). Once
 * spooled, a run stays spooled so that its records keep their order.
 */
final class RunHandle {
  private final String clientRunId;
  private final RunHandle parent;
  private volatile String runId;
  private volatile String experimentId;
  private volatile Spool.Journal journal;
  private final AtomicReference<MledgerException> failure = new AtomicReference<>();

  RunHandle(String clientRunId, RunHandle parent) {
    this.clientRunId = clientRunId;
    this.parent = parent;
  }

  String clientRunId() {
    return clientRunId;
  }

  RunHandle parent() {
    return parent;
  }

  /** The server's run id, or null for a run started offline. */
  String runId() {
    return runId;
  }

  void runId(String id) {
    this.runId = id;
  }

  String experimentId() {
    return experimentId;
  }

  void experimentId(String id) {
    this.experimentId = id;
  }

  Spool.Journal journal() {
    return journal;
  }

  void journal(Spool.Journal journal) {
    this.journal = journal;
  }

  boolean spooled() {
    return journal != null;
  }

  /** Keeps the first failure of background logging, to be reported on flush or close. */
  void recordFailure(MledgerException error) {
    failure.compareAndSet(null, error);
  }

  /** The recorded failure, cleared so it is reported once. */
  MledgerException takeFailure() {
    return failure.getAndSet(null);
  }
}
