package dev.mledger.core.tracking;

/** A tag on a dataset input, e.g. {@code mlflow.data.context=training}. */
public record InputTag(String key, String value) {}
