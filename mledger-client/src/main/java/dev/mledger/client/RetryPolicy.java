package dev.mledger.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a call is retried after a transient failure (HTTP 429, 500, 502, 503,
 * 504 — the statuses MLflow's own client retries — or a connection failure). The wait before retry
 * {@code n} (1-based) is {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff},
 * then shortened by a random fraction of up to {@code jitter} so that many clients do not retry in
 * lock-step. A server's {@code Retry-After} header lengthens the wait (up to {@code maxBackoff}).
 *
 * @param maxAttempts total attempts including the first; 1 disables retries
 * @param initialBackoff wait before the first retry
 * @param maxBackoff upper bound of any single wait
 * @param multiplier growth factor between consecutive waits, at least 1
 * @param jitter fraction in [0, 1] by which a wait may be randomly shortened
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter) {

  /** Six attempts, waiting about 0.5 s, 1 s, 2 s, 4 s and 8 s in between (about 15 s in all). */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0, 0.5);

  /** A single attempt: failures surface immediately. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff durations must not be negative");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "multiplier must be a finite number >= 1, got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
    }
  }

  /** The same policy with {@code maxAttempts} attempts. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, jitter);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry).
   *
   * @param retryAfter the server's requested wait, or null
   */
  public Duration backoff(int retry, Duration retryAfter, RandomGenerator random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
    }
    double base = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
    double capped = Math.min(base, maxBackoff.toNanos());
    double jittered = capped * (1.0 - jitter * random.nextDouble());
    long nanos = (long) jittered;
    if (retryAfter != null && retryAfter.toNanos() > nanos) {
      nanos = Math.min(retryAfter.toNanos(), maxBackoff.toNanos());
    }
    return Duration.ofNanos(nanos);
  }

  /** The longest total time spent waiting between attempts under this policy (no jitter). */
  public Duration maxTotalBackoff() {
    long total = 0;
    for (int retry = 1; retry < maxAttempts; retry++) {
      double base = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
      total += (long) Math.min(base, maxBackoff.toNanos());
    }
    return Duration.ofNanos(total);
  }
}
