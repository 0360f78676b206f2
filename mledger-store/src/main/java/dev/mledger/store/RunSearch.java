package dev.mledger.store;

import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.tracking.ViewType;
import java.util.List;

/**
 * A validated run search. {@code filter} is null for "no filter"; {@code offset} comes from the
 * decoded page token. Without an order_by, runs come newest first (start_time DESC, run_id ASC), as
 * MLflow does.
 */
public record RunSearch(
    List<String> experimentIds,
    FilterExpr filter,
    ViewType viewType,
    int maxResults,
    List<OrderBy> orderBy,
    int offset) {
  public RunSearch {
    experimentIds = List.copyOf(experimentIds);
    orderBy = List.copyOf(orderBy);
  }
}
