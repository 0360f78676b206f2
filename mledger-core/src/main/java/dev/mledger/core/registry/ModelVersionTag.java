package dev.mledger.core.registry;

/** A key/value tag on one model version. */
public record ModelVersionTag(String key, String value) {}
