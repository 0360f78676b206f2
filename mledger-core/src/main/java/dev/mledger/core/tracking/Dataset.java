package dev.mledger.core.tracking;

/**
 * A dataset as MLflow's log-inputs describes it. {@code schema} and {@code profile} are opaque JSON
 * strings and may be null; (experiment, name, digest) identifies it.
 */
public record Dataset(
    String name, String digest, String sourceType, String source, String schema, String profile) {}
