package dev.mledger.core.tracking;

/** A metric observation tagged with the run it belongs to (bulk history queries). */
public record MetricWithRunId(String runId, Metric metric) {}
