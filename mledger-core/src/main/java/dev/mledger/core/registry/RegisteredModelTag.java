package dev.mledger.core.registry;

/** A key/value tag on a registered model. */
public record RegisteredModelTag(String key, String value) {}
