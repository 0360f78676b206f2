package dev.mledger.core.monitor;

/**
 * Where one feature/statistic stands in the alert state machine {@code OK → FIRING → OK}.
 *
 * @param key what the state is about
 * @param firing whether an alert is open
 * @param severity the open alert's severity (the last one when resolved)
 * @param value the last value seen
 * @param openedAt when the current (or last) alert opened, epoch millis
 * @param resolvedAt when the last alert resolved, epoch millis, or 0 when never
 * @param occurrences breaching windows folded into the open alert (deduplication)
 */
public record AlertState(
    AlertKey key,
    boolean firing,
    Severity severity,
    double value,
    long openedAt,
    long resolvedAt,
    int occurrences) {}
