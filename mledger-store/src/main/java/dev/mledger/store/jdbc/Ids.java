package dev.mledger.store.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/** Conversions between the API's string ids and the database's keys. */
final class Ids {
  /** Bound parameters per IN list; far below SQLite's and PostgreSQL's limits. */
  static final int CHUNK = 500;

  private Ids() {}

  /** Experiment ids are integers in the database (as in MLflow's SQL store). */
  static OptionalLong experimentKey(String experimentId) {
    if (experimentId == null || experimentId.isEmpty() || experimentId.length() > 18) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < experimentId.length(); i++) {
      char c = experimentId.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(Long.parseLong(experimentId));
  }

  static <T> List<List<T>> chunks(Collection<T> values) {
    List<T> all = List.copyOf(values);
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return chunks;
  }
}
