package dev.mledger.core.tracking;

/** A key/value tag on an experiment. */
public record ExperimentTag(String key, String value) {}
