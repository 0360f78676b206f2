package dev.mledger.server.monitor;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports closed windows off the request thread. Ingest marks a monitor dirty; one worker reports
 * every closed window of each dirty monitor in turn. A monitor is queued at most once: events that
 * arrive while it is being reported mark it dirty again, so no closed window is left behind.
 * Nothing here needs persisting: the event log and the reported-through cursor are the queue's
 * durable state, and {@link MonitorService#resume()} re-queues monitors with unreported events on
 * start.
 */
final class WindowReportQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WindowReportQueue.class);

  private final Consumer<String> reporter;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor executor;
  private volatile boolean closing;

  /**
   * @param reporter reports every closed window of one monitor; failures are logged and leave the
   *     windows pending for the next ingest or start
   */
  WindowReportQueue(Consumer<String> reporter) {
    this.reporter = reporter;
    this.executor = Workers.idleExiting("mledger-window-reports");
  }

  /** Queues the monitor unless it is already queued; returns immediately. */
  void submit(String monitorId) {
    if (closing || !queued.add(monitorId)) {
      return;
    }
    try {
      executor.execute(() -> run(monitorId));
    } catch (RejectedExecutionException e) {
      queued.remove(monitorId); // shutting down: the windows are picked up on the next start
    }
  }

  private void run(String monitorId) {
    if (closing) {
      return;
    }
    running.add(monitorId);
    // Dequeued before reporting, so events arriving meanwhile queue the monitor again.
    queued.remove(monitorId);
    try {
      reporter.accept(monitorId);
    } catch (RuntimeException e) {
      LOG.warn("Reporting the windows of monitor {} failed; they stay pending", monitorId, e);
    } finally {
      running.remove(monitorId);
    }
  }

  /** Whether the monitor has reporting work queued or running. */
  boolean pending(String monitorId) {
    return queued.contains(monitorId) || running.contains(monitorId);
  }

  /**
   * Stops taking work, lets the report being written finish for up to {@code timeout} and drops
   * what is still queued (it stays pending in the store).
   */
  void close(Duration timeout) {
    closing = true;
    Workers.shutdown(executor, timeout, "window report");
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** Threads and shutdown shared by the monitor's background workers. */
  static final class Workers {
    private Workers() {}

    /** One daemon worker that exits when idle, so a stopped server leaves no thread behind. */
    static ThreadPoolExecutor idleExiting(String name) {
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(
              1,
              1,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
              });
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }

    /** Orderly shutdown bounded by {@code timeout}, then interrupts what still runs. */
    static void shutdown(ThreadPoolExecutor executor, Duration timeout, String what) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("A {} was still running after {}; interrupting it", what, timeout);
          executor.shutdownNow();
          executor.awaitTermination(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
