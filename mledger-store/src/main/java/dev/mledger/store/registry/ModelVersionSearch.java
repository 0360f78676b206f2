package dev.mledger.store.registry;

import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import java.util.List;

/**
 * A validated search over model versions (see {@code ModelVersionFilterParser} and {@code
 * RegistryOrderByParser.forModelVersions}). An empty {@code orderBy} means MLflow's default: last
 * update time descending, name ascending, version descending; otherwise the given keys are followed
 * by name ascending and version descending where not named. Deleted versions never match.
 *
 * @param filter null for all versions
 * @param offset where the page starts (decoded page token)
 */
public record ModelVersionSearch(
    FilterExpr filter, int maxResults, List<OrderBy> orderBy, int offset) {
  public ModelVersionSearch {
    orderBy = List.copyOf(orderBy);
  }
}
