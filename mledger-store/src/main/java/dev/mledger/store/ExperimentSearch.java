package dev.mledger.store;

import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.tracking.ViewType;
import java.util.List;

/**
 * A validated experiment search (filter keys: {@code attributes.name}, {@code
 * attributes.creation_time}, {@code attributes.last_update_time}, {@code tags.*}). Without an
 * order_by, experiments come newest first (creation_time DESC, experiment_id ASC).
 */
public record ExperimentSearch(
    FilterExpr filter, ViewType viewType, int maxResults, List<OrderBy> orderBy, int offset) {
  public ExperimentSearch {
    orderBy = List.copyOf(orderBy);
  }
}
