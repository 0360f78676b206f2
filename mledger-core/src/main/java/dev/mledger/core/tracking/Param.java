package dev.mledger.core.tracking;

/**
 * A hyper-parameter of a run. Immutable once logged: the same key may be re-logged only with the
 * same value.
 */
public record Param(String key, String value) {}
