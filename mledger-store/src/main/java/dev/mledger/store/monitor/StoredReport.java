package dev.mledger.store.monitor;

/**
 * A window report.
 *
 * @param lastSeq the last event sequence number the window covers
 * @param documentJson the report as the API returns it
 */
public record StoredReport(
    String id,
    String monitorId,
    long windowStart,
    long windowEnd,
    long rows,
    long lastSeq,
    String documentJson,
    long createdTime) {}
