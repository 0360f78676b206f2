package dev.mledger.client;

import dev.mledger.core.error.MledgerException;
import java.time.Duration;

/**
 * One attempt failed in a way that may succeed on retry. {@code ambiguous} says the server may have
 * processed the request before the failure (a timeout, a dropped connection, a 5xx status), so a
 * non-idempotent call must check before repeating itself.
 */
final class TransientFailure extends Exception {
  private final transient MledgerException error;
  private final boolean ambiguous;
  private final transient Duration retryAfter;

  TransientFailure(MledgerException error, boolean ambiguous, Duration retryAfter) {
    super(error.getMessage(), error, false, false);
    this.error = error;
    this.ambiguous = ambiguous;
    this.retryAfter = retryAfter;
  }

  MledgerException error() {
    return error;
  }

  boolean ambiguous() {
    return ambiguous;
  }

  /** The wait the server asked for with {@code Retry-After}, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
