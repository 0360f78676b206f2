package dev.mledger.core.tracking;

/**
 * One metric observation. {@code value} may be NaN or ±Infinity (MLflow accepts them); timestamps
 * are epoch milliseconds.
 */
public record Metric(String key, double value, long timestamp, long step) {}
