package dev.mledger.store.monitor;

/** One event of a monitor's append-only log: its sequence number, event time and JSON payload. */
public record StoredEvent(long seq, long eventTime, String payloadJson) {}
