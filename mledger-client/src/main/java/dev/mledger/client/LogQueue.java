package dev.mledger.client;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between logging calls and the network. One background thread drains it: it
 * waits up to {@code linger} for more entries after the first (or until a full batch's worth has
 * arrived), groups them by run, packs them into log-batch calls within MLflow's limits and sends
 * them. When the queue is full, {@link #add} blocks the caller — backpressure — for at most {@code
 * enqueueTimeout}, then fails with RESOURCE_EXHAUSTED rather than dropping data.
 */
final class LogQueue implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LogQueue.class.getName());

  /** Receives packed batches; failures are recorded on the run, not thrown to the caller. */
  @FunctionalInterface
  interface BatchSink {
    void send(RunHandle run, Batch batch);
  }

  private final BlockingQueue<LogEntry> queue;
  private final Duration enqueueTimeout;
  private final Duration linger;
  private final BatchSink sink;
  private final BatchPacker packer = new BatchPacker();
  private final Thread flusher;
  private volatile boolean closed;

  LogQueue(int capacity, Duration enqueueTimeout, Duration linger, BatchSink sink) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.enqueueTimeout = enqueueTimeout;
    this.linger = linger;
    this.sink = sink;
    this.flusher = new Thread(this::drainLoop, "mledger-log-flusher");
    flusher.setDaemon(true);
    flusher.start();
  }

  /** Queues one entry, blocking while the queue is full (up to the enqueue timeout). */
  void add(LogEntry.Data entry) {
    put(entry, true);
  }

  /** Returns once everything queued before this call has been sent or has failed. */
  void flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    put(new LogEntry.FlushMarker(done), false);
    await(done);
  }

  /** Sends what is queued, then stops the background thread. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    put(new LogEntry.Shutdown(done), false);
    closed = true;
    await(done);
  }

  /**
   * @param bounded whether to give up after the enqueue timeout; flush and close wait for the data
   *     ahead of them anyway, so they wait for room as long as it takes
   */
  private void put(LogEntry entry, boolean bounded) {
    if (closed) {
      throw MledgerException.invalidState("The tracker is closed; no more data can be logged");
    }
    if (!flusher.isAlive()) {
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "The log flusher thread has stopped");
    }
    try {
      if (!bounded) {
        queue.put(entry);
      } else if (!queue.offer(entry, enqueueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new MledgerException(
            ErrorCode.RESOURCE_EXHAUSTED,
            "The log queue stayed full for "
                + enqueueTimeout.toMillis()
                + " ms: the tracking server is not keeping up. Nothing was dropped; this call's"
                + " data was not logged");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Interrupted while waiting for room in the log queue", e);
    }
  }

  private void await(CompletableFuture<Void> done) {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Interrupted while waiting for logged data to be sent", e);
    } catch (ExecutionException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "The log flusher failed: " + e.getCause().getMessage(), e);
    }
  }

  private void drainLoop() {
    List<LogEntry.Data> pending = new ArrayList<>();
    long deadline = 0;
    while (true) {
      LogEntry entry;
      try {
        if (pending.isEmpty()) {
          entry = queue.take();
        } else {
          entry = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        // Only close() stops this thread; an interrupt from elsewhere is ignored.
        continue;
      }
      if (entry == null) {
        sendAll(pending);
      } else if (entry instanceof LogEntry.Data data) {
        if (pending.isEmpty()) {
          deadline = System.nanoTime() + linger.toNanos();
        }
        pending.add(data);
        if (pending.size() >= BatchLimits.MAX_ENTITIES) {
          sendAll(pending);
        }
      } else if (entry instanceof LogEntry.FlushMarker marker) {
        sendAll(pending);
        marker.done().complete(null);
      } else if (entry instanceof LogEntry.Shutdown shutdown) {
        sendAll(pending);
        shutdown.done().complete(null);
        return;
      }
    }
  }

  /** Sends the pending entries, run by run in first-logged order, and clears them. */
  private void sendAll(List<LogEntry.Data> pending) {
    Map<RunHandle, List<LogEntry.Data>> byRun = new LinkedHashMap<>();
    for (LogEntry.Data data : pending) {
      byRun.computeIfAbsent(data.run(), r -> new ArrayList<>()).add(data);
    }
    pending.clear();
    byRun.forEach(
        (run, entries) -> {
          List<Batch> batches;
          try {
            batches = packer.pack(entries);
          } catch (IllegalArgumentException e) {
            run.recordFailure(MledgerException.invalidParameter(e.getMessage()));
            return;
          }
          // One failed batch (say, a rejected param) must not hold back the run's other data.
          for (Batch batch : batches) {
            send(run, batch);
          }
        });
  }

  private void send(RunHandle run, Batch batch) {
    try {
      sink.send(run, batch);
    } catch (MledgerException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Logging to run {0} failed: {1}",
          run.runId() != null ? run.runId() : run.clientRunId(),
          e.getMessage());
      run.recordFailure(e);
    } catch (RuntimeException e) {
      run.recordFailure(
          new MledgerException(ErrorCode.INTERNAL_ERROR, "Logging failed: " + e.getMessage(), e));
    }
  }
}
