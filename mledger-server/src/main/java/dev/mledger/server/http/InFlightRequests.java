package dev.mledger.server.http;

import java.time.Duration;

/**
 * Counts requests being handled so that shutdown can wait for them: once draining starts, new
 * requests are turned away and {@link #awaitIdle} returns when the last in-flight one finishes.
 */
public final class InFlightRequests {
  private final Object lock = new Object();
  private int active;
  private boolean draining;

  /** Registers a request; false when the server is draining and the request must be refused. */
  public boolean enter() {
    synchronized (lock) {
      if (draining) {
        return false;
      }
      active++;
      return true;
    }
  }

  public void exit() {
    synchronized (lock) {
      active--;
      if (active == 0) {
        lock.notifyAll();
      }
    }
  }

  public int active() {
    synchronized (lock) {
      return active;
    }
  }

  public boolean draining() {
    synchronized (lock) {
      return draining;
    }
  }

  /**
   * Stops admitting requests and waits until none is in flight.
   *
   * @return true if all requests finished within {@code timeout}
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      draining = true;
      while (active > 0) {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
          return false;
        }
        lock.wait(remainingMillis);
      }
      return true;
    }
  }
}
