package dev.mledger.store.jdbc;

import dev.mledger.core.tracking.Page;
import java.util.List;

/** Builds result pages: a store query fetches one row more than asked to know if more follow. */
final class PageTokens {
  private PageTokens() {}

  /**
   * Cuts {@code rows} (fetched with limit {@code maxResults + 1}) to a page whose token points at
   * the next offset when there are more rows.
   */
  static <T> Page<T> page(List<T> rows, int maxResults, int offset) {
    if (rows.size() <= maxResults) {
      return new Page<>(rows, null);
    }
    return new Page<>(rows.subList(0, maxResults), encode(offset + maxResults));
  }

  static String encode(int offset) {
    return dev.mledger.core.search.PageToken.encode(offset);
  }
}
