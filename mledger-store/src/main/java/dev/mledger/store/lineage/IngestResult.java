package dev.mledger.store.lineage;

/**
 * The outcome of {@link LineageStore#ingest}.
 *
 * @param digest the event's SHA-256 (canonical JSON)
 * @param duplicate true when the same event had been stored before and nothing changed
 */
public record IngestResult(String digest, boolean duplicate) {}
