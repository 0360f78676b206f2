package dev.mledger.store.jdbc;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.tracking.ViewType;
import dev.mledger.store.ExperimentSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Translates an {@link ExperimentSearch} into one SQL query over {@code experiments}. */
final class ExperimentSearchQuery {
  private static final Map<String, String> ATTRIBUTE_COLUMNS =
      Map.of(
          "name", "e.name",
          "experiment_id", "e.experiment_id",
          "creation_time", "e.creation_time",
          "last_update_time", "e.last_update_time");

  private static final Set<String> NUMERIC_ATTRIBUTES =
      Set.of("experiment_id", "creation_time", "last_update_time");

  private final Predicates predicates;

  ExperimentSearchQuery(Dialect dialect) {
    this.predicates = new Predicates(dialect);
  }

  SqlWriter build(ExperimentSearch search) {
    SqlWriter sql =
        new SqlWriter().append("SELECT " + ExperimentDao.COLUMNS + " FROM experiments e WHERE ");
    switch (search.viewType() == null ? ViewType.ACTIVE_ONLY : search.viewType()) {
      case ACTIVE_ONLY -> sql.append("e.lifecycle_stage = 'active'");
      case DELETED_ONLY -> sql.append("e.lifecycle_stage = 'deleted'");
      case ALL -> sql.append("1 = 1");
    }
    if (search.filter() != null) {
      sql.append(" AND ");
      predicates.write(sql, search.filter(), this::comparison);
    }
    sql.append(" ORDER BY ").append(String.join(", ", orderTerms(search.orderBy())));
    sql.append(" LIMIT ?", search.maxResults() + 1L).append(" OFFSET ?", (long) search.offset());
    return sql;
  }

  /**
   * MLflow's ordering: creation_time DESC, experiment_id ASC by default; otherwise the given keys
   * followed by experiment_id DESC unless experiment_id was named.
   */
  private static List<String> orderTerms(List<OrderBy> orderBy) {
    List<String> terms = new ArrayList<>();
    if (orderBy.isEmpty()) {
      terms.add("e.creation_time DESC");
      terms.add("e.experiment_id ASC");
      return terms;
    }
    boolean idOrdered = false;
    for (OrderBy clause : orderBy) {
      if (clause.type() != dev.mledger.core.search.EntityType.ATTRIBUTE) {
        throw MledgerException.invalidParameter(
            "Invalid order_by entity: "
                + clause.type().name().toLowerCase(java.util.Locale.ROOT)
                + ". Experiments can be ordered by attributes only.");
      }
      idOrdered |= clause.key().equals("experiment_id");
      terms.add(column(clause.key()) + (clause.ascending() ? " ASC" : " DESC"));
    }
    if (!idOrdered) {
      terms.add("e.experiment_id DESC");
    }
    return terms;
  }

  private void comparison(SqlWriter sql, FilterExpr.Comparison c) {
    String subject = c.type().name().toLowerCase(java.util.Locale.ROOT) + "." + c.key();
    switch (c.type()) {
      case ATTRIBUTE -> {
        String column = column(c.key());
        if (NUMERIC_ATTRIBUTES.contains(c.key())) {
          predicates.numeric(sql, column, c.op(), c.value(), subject);
        } else {
          predicates.string(sql, column, c.op(), c.value(), subject, false);
        }
      }
      case TAG -> {
        sql.append(
            "e.experiment_id IN (SELECT t.experiment_id FROM experiment_tags t WHERE t.key = ? AND ",
            c.key());
        predicates.string(sql, "t.value", c.op(), c.value(), subject, false);
        sql.append(")");
      }
      default ->
          throw MledgerException.invalidParameter(
              "Invalid token type: "
                  + c.type().name().toLowerCase(java.util.Locale.ROOT)
                  + ". Experiments can be filtered by attributes and tags.");
    }
  }

  private static String column(String key) {
    String column = ATTRIBUTE_COLUMNS.get(key);
    if (column == null) {
      throw MledgerException.invalidParameter(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are "
              + String.join(", ", ATTRIBUTE_COLUMNS.keySet().stream().sorted().toList())
              + ".");
    }
    return column;
  }
}
