package dev.mledger.core.search;

/** One {@code order_by} clause, e.g. {@code metrics.rmse DESC}; attribute keys are canonical. */
public record OrderBy(EntityType type, String key, boolean ascending) {}
