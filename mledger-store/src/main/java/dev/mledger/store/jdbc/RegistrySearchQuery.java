package dev.mledger.store.jdbc;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.EntityType;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import dev.mledger.store.registry.ModelVersionSearch;
import dev.mledger.store.registry.RegisteredModelSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates registry searches into SQL over {@code registered_models} and {@code model_versions}.
 */
final class RegistrySearchQuery {
  private static final Map<String, String> MODEL_COLUMNS =
      Map.of("name", "rm.name", "last_updated_timestamp", "rm.last_updated_time");

  private static final Map<String, String> VERSION_COLUMNS =
      Map.of(
          "name", "mv.name",
          "version_number", "mv.version",
          "run_id", "mv.run_id",
          "source_path", "mv.source",
          "creation_timestamp", "mv.creation_time",
          "last_updated_timestamp", "mv.last_updated_time");

  private final Predicates predicates;

  RegistrySearchQuery(Dialect dialect) {
    this.predicates = new Predicates(dialect);
  }

  /** Registered models by the filter; order: the given keys, then name ascending. */
  SqlWriter models(RegisteredModelSearch search) {
    SqlWriter sql =
        new SqlWriter()
            .append("SELECT " + RegistryDao.MODEL_COLUMNS + " FROM registered_models rm WHERE ");
    if (search.filter() == null) {
      sql.append("1 = 1");
    } else {
      predicates.write(sql, search.filter(), this::modelComparison);
    }
    List<String> terms = new ArrayList<>();
    boolean nameOrdered = false;
    for (OrderBy clause : search.orderBy()) {
      nameOrdered |= clause.key().equals("name");
      terms.add(column(MODEL_COLUMNS, clause) + direction(clause));
    }
    if (!nameOrdered) {
      terms.add("rm.name ASC");
    }
    sql.append(" ORDER BY " + String.join(", ", terms));
    return page(sql, search.maxResults(), search.offset());
  }

  /**
   * Live model versions by the filter; order: MLflow's default (last update descending) when none
   * is given, then name ascending and version descending where not named.
   */
  SqlWriter versions(ModelVersionSearch search) {
    SqlWriter sql =
        new SqlWriter()
            .append(
                "SELECT "
                    + RegistryDao.VERSION_COLUMNS
                    + " FROM model_versions mv WHERE mv.current_stage <> '"
                    + RegistryDao.DELETED_STAGE
                    + "'");
    if (search.filter() != null) {
      sql.append(" AND ");
      predicates.write(sql, search.filter(), this::versionComparison);
    }
    List<OrderBy> orderBy =
        search.orderBy().isEmpty()
            ? List.of(new OrderBy(EntityType.ATTRIBUTE, "last_updated_timestamp", false))
            : search.orderBy();
    List<String> terms = new ArrayList<>();
    boolean nameOrdered = false;
    boolean versionOrdered = false;
    for (OrderBy clause : orderBy) {
      nameOrdered |= clause.key().equals("name");
      versionOrdered |= clause.key().equals("version_number");
      terms.add(column(VERSION_COLUMNS, clause) + direction(clause));
    }
    if (!nameOrdered) {
      terms.add("mv.name ASC");
    }
    if (!versionOrdered) {
      terms.add("mv.version DESC");
    }
    sql.append(" ORDER BY " + String.join(", ", terms));
    return page(sql, search.maxResults(), search.offset());
  }

  private static SqlWriter page(SqlWriter sql, int maxResults, int offset) {
    return sql.append(" LIMIT ?", maxResults + 1L).append(" OFFSET ?", (long) offset);
  }

  private void modelComparison(SqlWriter sql, FilterExpr.Comparison c) {
    String subject = subject(c);
    if (c.type() == EntityType.TAG) {
      sql.append(
          "rm.name IN (SELECT t.name FROM registered_model_tags t WHERE t.key = ? AND ", c.key());
      predicates.string(sql, "t.value", c.op(), c.value(), subject, false);
      sql.append(")");
      return;
    }
    if (c.type() != EntityType.ATTRIBUTE || !c.key().equals("name")) {
      throw MledgerException.invalidParameter("Invalid attribute name: " + c.key());
    }
    predicates.string(sql, "rm.name", c.op(), c.value(), subject, false);
  }

  private void versionComparison(SqlWriter sql, FilterExpr.Comparison c) {
    String subject = subject(c);
    if (c.type() == EntityType.TAG) {
      sql.append(
          "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.name = mv.name"
              + " AND t.version = mv.version AND t.key = ? AND ",
          c.key());
      predicates.string(sql, "t.value", c.op(), c.value(), subject, false);
      sql.append(")");
      return;
    }
    String column = VERSION_COLUMNS.get(c.key());
    if (c.type() != EntityType.ATTRIBUTE || column == null || c.key().endsWith("_timestamp")) {
      throw MledgerException.invalidParameter("Invalid attribute name: " + c.key());
    }
    if (c.key().equals("version_number")) {
      predicates.numeric(sql, column, c.op(), c.value(), subject);
    } else {
      predicates.string(sql, column, c.op(), c.value(), subject, false);
    }
  }

  private static String subject(FilterExpr.Comparison c) {
    return (c.type() == EntityType.TAG ? "tag." : "attribute.") + c.key();
  }

  private static String column(Map<String, String> columns, OrderBy clause) {
    String column = columns.get(clause.key());
    if (clause.type() != EntityType.ATTRIBUTE || column == null) {
      throw MledgerException.invalidParameter(
          "Invalid order by key '" + clause.key() + "' specified.");
    }
    return column;
  }

  private static String direction(OrderBy clause) {
    return clause.ascending() ? " ASC" : " DESC";
  }
}
