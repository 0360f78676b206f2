package dev.mledger.store.monitor;

/** An event to append: its event time and its normalised JSON payload. */
public record NewEvent(long eventTime, String payloadJson) {}
