package dev.mledger.store.lineage;

/**
 * An OpenLineage event as stored.
 *
 * @param kind {@code run}, {@code job} or {@code dataset}
 * @param eventType the run event's type; null for other kinds or when the event gave none
 * @param eventTime the event's own time, as sent
 * @param receivedAt when mledger stored it (epoch milliseconds)
 * @param document the event's canonical JSON
 */
public record StoredLineageEvent(
    String digest,
    String kind,
    String eventType,
    String runId,
    String jobNamespace,
    String jobName,
    String eventTime,
    long receivedAt,
    String document) {}
