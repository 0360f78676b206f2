package dev.mledger.core.tracking;

/** A key/value tag on a run; keys under {@code mlflow.} are system tags. */
public record RunTag(String key, String value) {}
