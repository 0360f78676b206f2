package dev.mledger.store.registry;

import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import java.util.List;

/**
 * A validated search over registered models (see {@code RegisteredModelFilterParser} and {@code
 * RegistryOrderByParser.forRegisteredModels}). Results are ordered by {@code orderBy}, then by name
 * ascending unless name was named.
 *
 * @param filter null for all models
 * @param offset where the page starts (decoded page token)
 */
public record RegisteredModelSearch(
    FilterExpr filter, int maxResults, List<OrderBy> orderBy, int offset) {
  public RegisteredModelSearch {
    orderBy = List.copyOf(orderBy);
  }
}
