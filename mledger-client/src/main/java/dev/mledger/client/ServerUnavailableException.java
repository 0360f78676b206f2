package dev.mledger.client;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;

/**
 * The tracking server could not be reached or kept answering with a transient error (429 or 5xx)
 * until the {@link RetryPolicy} was used up. The error code is {@code TEMPORARILY_UNAVAILABLE} for
 * connection failures and the server's own code otherwise. Catching this type (rather than every
 * {@link MledgerException}) is how callers tell "try later" apart from "the request is wrong".
 */
public final class ServerUnavailableException extends MledgerException {
  private final int attempts;

  public ServerUnavailableException(ErrorCode code, String message, int attempts, Throwable cause) {
    super(code, message, cause);
    this.attempts = attempts;
  }

  /** How many attempts were made before giving up. */
  public int attempts() {
    return attempts;
  }
}
