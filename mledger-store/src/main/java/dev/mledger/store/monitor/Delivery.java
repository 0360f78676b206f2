package dev.mledger.store.monitor;

/**
 * One webhook delivery attempt.
 *
 * @param statusCode the receiver's HTTP status, or {@code null} when no response came
 * @param error why the attempt failed, or {@code null}
 */
public record Delivery(
    String id,
    String alertId,
    int attempt,
    Integer statusCode,
    String error,
    boolean succeeded,
    long createdTime) {}
