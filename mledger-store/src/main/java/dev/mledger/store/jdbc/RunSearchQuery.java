package dev.mledger.store.jdbc;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.EntityType;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.OrderBy;
import dev.mledger.core.tracking.ViewType;
import dev.mledger.store.RunSearch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Translates a {@link RunSearch} into one SQL query that selects the ids of a page of runs; the
 * caller then loads those runs in bulk, so the sort carries ids rather than whole rows.
 *
 * <p>Shape: the comparisons of the top-level conjunction that name a metric, param or tag become
 * INNER JOINs on the child table ((run_uuid, key) is unique there, so a join never duplicates a
 * run); the planner can then drive the query from the most selective (key, value) index. Anything
 * under an OR, attributes and dataset comparisons are predicates ({@code r.run_uuid IN (subquery)}
 * semi-joins for child tables). Metric comparisons read {@code latest_metrics}. Each order-by key
 * on a metric, param or tag is one LEFT JOIN, so runs without the key stay in the result and sort
 * last. The query asks for one row more than the page size to tell whether another page follows.
 */
final class RunSearchQuery {
  /** Run attributes and their columns. */
  private static final Map<String, String> ATTRIBUTE_COLUMNS =
      Map.of(
          "run_id", "r.run_uuid",
          "run_name", "r.name",
          "status", "r.status",
          "user_id", "r.user_id",
          "artifact_uri", "r.artifact_uri",
          "lifecycle_stage", "r.lifecycle_stage",
          "start_time", "r.start_time",
          "end_time", "r.end_time",
          "experiment_id", "r.experiment_id");

  private static final Set<String> NUMERIC_ATTRIBUTES =
      Set.of("start_time", "end_time", "experiment_id");

  /** Attributes whose column can be NULL and so need MLflow's nulls-last ordering term. */
  private static final Set<String> NULLABLE_ATTRIBUTES =
      Set.of("run_name", "user_id", "end_time", "artifact_uri");

  private final Predicates predicates;

  RunSearchQuery(Dialect dialect) {
    this.predicates = new Predicates(dialect);
  }

  /** The query for the run ids of the requested page, in order. */
  SqlWriter build(RunSearch search) {
    SqlWriter sql = new SqlWriter().append("SELECT r.run_uuid FROM runs r");
    List<FilterExpr> predicatesLeft = new ArrayList<>();
    int joined = 0;
    for (FilterExpr term : conjuncts(search.filter())) {
      if (term instanceof FilterExpr.Comparison c && isChildTable(c.type())) {
        filterJoin(sql, c, "f" + joined++);
      } else {
        predicatesLeft.add(term);
      }
    }
    List<String> orderTerms = new ArrayList<>();
    joinsAndOrder(search.orderBy(), sql, orderTerms);

    List<Long> experimentKeys = new ArrayList<>();
    for (String id : search.experimentIds()) {
      OptionalLong key = Ids.experimentKey(id);
      key.ifPresent(experimentKeys::add);
    }
    sql.append(" WHERE r.experiment_id IN ").paramList(experimentKeys);
    switch (search.viewType() == null ? ViewType.ACTIVE_ONLY : search.viewType()) {
      case ACTIVE_ONLY -> sql.append(" AND r.lifecycle_stage = 'active'");
      case DELETED_ONLY -> sql.append(" AND r.lifecycle_stage = 'deleted'");
      case ALL -> {}
    }
    for (FilterExpr term : predicatesLeft) {
      sql.append(" AND ");
      predicates.write(sql, term, this::comparison);
    }
    sql.append(" ORDER BY ").append(String.join(", ", orderTerms));
    sql.append(" LIMIT ?", search.maxResults() + 1L).append(" OFFSET ?", (long) search.offset());
    return sql;
  }

  /**
   * The terms of the top-level conjunction (nested ANDs flattened); the filter itself otherwise.
   */
  private static List<FilterExpr> conjuncts(FilterExpr filter) {
    List<FilterExpr> terms = new ArrayList<>();
    if (filter instanceof FilterExpr.And and) {
      for (FilterExpr term : and.terms()) {
        terms.addAll(conjuncts(term));
      }
    } else if (filter != null) {
      terms.add(filter);
    }
    return terms;
  }

  private static boolean isChildTable(EntityType type) {
    return type == EntityType.METRIC || type == EntityType.PARAM || type == EntityType.TAG;
  }

  private void filterJoin(SqlWriter sql, FilterExpr.Comparison c, String alias) {
    String subject = subject(c);
    String table =
        switch (c.type()) {
          case METRIC -> "latest_metrics";
          case PARAM -> "params";
          default -> "tags";
        };
    sql.append(
        " JOIN "
            + table
            + " "
            + alias
            + " ON "
            + alias
            + ".run_uuid = r.run_uuid AND "
            + alias
            + ".key = ? AND ",
        c.key());
    if (c.type() == EntityType.METRIC) {
      predicates.metric(sql, alias + ".value", alias + ".is_nan", c.op(), c.value(), subject);
    } else {
      predicates.string(sql, alias + ".value", c.op(), c.value(), subject, true);
    }
  }

  private void joinsAndOrder(List<OrderBy> orderBy, SqlWriter sql, List<String> terms) {
    Set<String> seen = new HashSet<>();
    boolean startTimeOrdered = false;
    for (int i = 0; i < orderBy.size(); i++) {
      OrderBy clause = orderBy.get(i);
      if (!seen.add(clause.type() + "\u0000" + clause.key())) {
        throw MledgerException.invalidParameter(
            "`order_by` contains duplicate fields: "
                + clause.type().name().toLowerCase(java.util.Locale.ROOT)
                + "."
                + clause.key());
      }
      String direction = clause.ascending() ? " ASC" : " DESC";
      String alias = "o" + i;
      switch (clause.type()) {
        case ATTRIBUTE -> {
          String column = attributeColumn(clause.key());
          startTimeOrdered |= clause.key().equals("start_time");
          if (NULLABLE_ATTRIBUTES.contains(clause.key())) {
            terms.add("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END");
          }
          terms.add(column + direction);
        }
        case METRIC -> {
          sql.append(
              " LEFT JOIN latest_metrics "
                  + alias
                  + " ON "
                  + alias
                  + ".run_uuid = r.run_uuid AND "
                  + alias
                  + ".key = ?",
              clause.key());
          // MLflow's placement: real values first, then NaN, then runs without the metric.
          terms.add(
              "CASE WHEN "
                  + alias
                  + ".is_nan = TRUE THEN 1 WHEN "
                  + alias
                  + ".run_uuid IS NULL THEN 2 ELSE 0 END");
          terms.add(alias + ".value" + direction);
        }
        case PARAM, TAG -> {
          String table = clause.type() == EntityType.PARAM ? "params" : "tags";
          sql.append(
              " LEFT JOIN "
                  + table
                  + " "
                  + alias
                  + " ON "
                  + alias
                  + ".run_uuid = r.run_uuid AND "
                  + alias
                  + ".key = ?",
              clause.key());
          terms.add("CASE WHEN " + alias + ".value IS NULL THEN 1 ELSE 0 END");
          terms.add(alias + ".value" + direction);
        }
        case DATASET ->
            throw MledgerException.invalidParameter(
                "Invalid order_by entity type 'dataset'. Runs can be ordered by attributes,"
                    + " metrics, params and tags.");
      }
    }
    if (!startTimeOrdered) {
      terms.add("r.start_time DESC");
    }
    terms.add("r.run_uuid ASC");
  }

  private static String subject(FilterExpr.Comparison c) {
    return c.type().name().toLowerCase(java.util.Locale.ROOT) + "." + c.key();
  }

  private void comparison(SqlWriter sql, FilterExpr.Comparison c) {
    String subject = subject(c);
    switch (c.type()) {
      case METRIC -> {
        sql.append(
            "r.run_uuid IN (SELECT m.run_uuid FROM latest_metrics m WHERE m.key = ? AND ", c.key());
        predicates.metric(sql, "m.value", "m.is_nan", c.op(), c.value(), subject);
        sql.append(")");
      }
      case PARAM, TAG -> {
        String table = c.type() == EntityType.PARAM ? "params" : "tags";
        sql.append(
            "r.run_uuid IN (SELECT p.run_uuid FROM " + table + " p WHERE p.key = ? AND ", c.key());
        predicates.string(sql, "p.value", c.op(), c.value(), subject, true);
        sql.append(")");
      }
      case ATTRIBUTE -> attribute(sql, c, subject);
      case DATASET -> dataset(sql, c, subject);
    }
  }

  private void attribute(SqlWriter sql, FilterExpr.Comparison c, String subject) {
    String column = attributeColumn(c.key());
    if (NUMERIC_ATTRIBUTES.contains(c.key())) {
      predicates.numeric(sql, column, c.op(), c.value(), subject);
    } else {
      predicates.string(sql, column, c.op(), c.value(), subject, false);
    }
  }

  private void dataset(SqlWriter sql, FilterExpr.Comparison c, String subject) {
    String inputsOfDatasets =
        "r.run_uuid IN (SELECT i.destination_id FROM datasets d"
            + " JOIN inputs i ON i.source_type = 'DATASET' AND i.source_id = d.dataset_uuid"
            + " AND i.destination_type = 'RUN'";
    switch (c.key()) {
      case "name", "digest" -> {
        sql.append(inputsOfDatasets + " WHERE ");
        predicates.string(sql, "d." + c.key(), c.op(), c.value(), subject, false);
        sql.append(")");
      }
      case "context" -> {
        sql.append(
            inputsOfDatasets
                + " JOIN input_tags t ON t.input_uuid = i.input_uuid AND t.name = '"
                + RunDataDao.MLFLOW_DATASET_CONTEXT
                + "' WHERE ");
        predicates.string(sql, "t.value", c.op(), c.value(), subject, false);
        sql.append(")");
      }
      default ->
          throw MledgerException.invalidParameter(
              "Invalid dataset key '"
                  + c.key()
                  + "' specified. Valid keys are name, digest,"
                  + " context.");
    }
  }

  private static String attributeColumn(String key) {
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
