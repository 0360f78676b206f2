package dev.mledger.store.dataset;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed pool with a bounded number of queued tasks, so that submitting 100k file tasks never
 * holds 100k pending tasks in memory. The first failure stops further submissions and is rethrown
 * by {@link #awaitAll()}.
 */
final class BoundedParallel implements AutoCloseable {
  private final ExecutorService pool;
  private final Semaphore slots;
  private final int permits;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  BoundedParallel(int threads) {
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "mledger-snapshot");
              t.setDaemon(true);
              return t;
            });
    this.permits = threads * 4;
    this.slots = new Semaphore(permits);
  }

  /** Runs {@code task} on the pool, waiting while too many tasks are pending. */
  void submit(Runnable task) {
    rethrow();
    acquire(1);
    pool.execute(
        () -> {
          try {
            if (failure.get() == null) {
              task.run();
            }
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } catch (Error e) {
            failure.compareAndSet(
                null, new MledgerException(ErrorCode.INTERNAL_ERROR, e.toString(), e));
          } finally {
            slots.release();
          }
        });
  }

  /** Waits for every submitted task; rethrows the first failure. */
  void awaitAll() {
    acquire(permits);
    slots.release(permits);
    rethrow();
  }

  private void acquire(int n) {
    try {
      slots.acquire(n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "interrupted", e);
    }
  }

  private void rethrow() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
