package dev.mledger.client;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import java.util.concurrent.CompletableFuture;

/** What travels through the {@link LogQueue}: data for a run, or a control signal. */
sealed interface LogEntry {

  /** A metric, param or tag for {@code run}. */
  sealed interface Data extends LogEntry {
    RunHandle run();
  }

  record MetricEntry(RunHandle run, Metric metric) implements Data {}

  record ParamEntry(RunHandle run, Param param) implements Data {}

  record TagEntry(RunHandle run, RunTag tag) implements Data {}

  /** Completed once everything queued before it has been sent (or has failed). */
  record FlushMarker(CompletableFuture<Void> done) implements LogEntry {}

  /** Stops the flusher thread after everything queued before it has been sent. */
  record Shutdown(CompletableFuture<Void> done) implements LogEntry {}
}
