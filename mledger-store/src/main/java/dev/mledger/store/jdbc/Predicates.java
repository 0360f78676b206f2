package dev.mledger.store.jdbc;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.Comparator;
import dev.mledger.core.search.FilterExpr;
import dev.mledger.core.search.FilterValue;
import java.util.List;

/**
 * Writes filter expressions as SQL predicates. Every literal from the filter becomes a bound
 * parameter; only column names chosen by the store appear in the SQL text.
 */
final class Predicates {
  /** Length of the value prefix that params and tags are indexed on in PostgreSQL. */
  private static final int INDEXED_PREFIX = 100;

  /** Writes one comparison of a filter. */
  interface ComparisonWriter {
    void write(SqlWriter sql, FilterExpr.Comparison comparison);
  }

  private final Dialect dialect;

  Predicates(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Writes {@code expr} with AND/OR nesting preserved by parentheses. */
  void write(SqlWriter sql, FilterExpr expr, ComparisonWriter comparisons) {
    if (expr instanceof FilterExpr.And and) {
      junction(sql, and.terms(), " AND ", "1 = 1", comparisons);
    } else if (expr instanceof FilterExpr.Or or) {
      junction(sql, or.terms(), " OR ", "1 = 0", comparisons);
    } else if (expr instanceof FilterExpr.Comparison comparison) {
      comparisons.write(sql, comparison);
    } else {
      throw new IllegalStateException("Unknown filter expression " + expr);
    }
  }

  private void junction(
      SqlWriter sql,
      List<FilterExpr> terms,
      String operator,
      String identity,
      ComparisonWriter comparisons) {
    if (terms.isEmpty()) {
      sql.append(identity);
      return;
    }
    sql.append("(");
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        sql.append(operator);
      }
      write(sql, terms.get(i), comparisons);
    }
    sql.append(")");
  }

  /**
   * A string comparison: =, !=, LIKE, ILIKE, IN, NOT IN. {@code prefixIndexed} marks param and tag
   * values: PostgreSQL indexes only their prefix (see the migrations), so equality there compares
   * the prefix too, which lets the planner use the (key, prefix) index.
   */
  void string(
      SqlWriter sql,
      String column,
      Comparator op,
      FilterValue value,
      String subject,
      boolean prefixIndexed) {
    switch (op) {
      case EQ -> {
        String text = text(value, op, subject);
        if (prefixIndexed && dialect == Dialect.POSTGRESQL) {
          sql.append(
              "substr("
                  + column
                  + ", 1, "
                  + INDEXED_PREFIX
                  + ") = substr(?, 1, "
                  + INDEXED_PREFIX
                  + ") AND ",
              text);
        }
        sql.append(column + " = ?", text);
      }
      case NEQ -> sql.append(column + " <> ?", text(value, op, subject));
      case LIKE -> sql.append(dialect.like(column), text(value, op, subject));
      case ILIKE -> sql.append(dialect.ilike(column), text(value, op, subject));
      case IN, NOT_IN -> {
        List<String> values = list(value, op, subject);
        if (values.isEmpty()) {
          sql.append(op == Comparator.IN ? "1 = 0" : column + " IS NOT NULL");
        } else {
          sql.append(column + (op == Comparator.IN ? " IN " : " NOT IN ")).paramList(values);
        }
      }
      default -> throw invalidComparator(op, subject);
    }
  }

  /** A numeric comparison: =, !=, <, <=, >, >=. */
  void numeric(SqlWriter sql, String column, Comparator op, FilterValue value, String subject) {
    String operator = numericOperator(op, subject);
    sql.append(column + " " + operator + " ?", bindable(number(value, op, subject)));
  }

  /**
   * A comparison against a metric value column with its NaN flag: NaN equals nothing and is unequal
   * to everything, as in MLflow's Python comparisons.
   */
  void metric(
      SqlWriter sql,
      String valueColumn,
      String nanColumn,
      Comparator op,
      FilterValue value,
      String subject) {
    String operator = numericOperator(op, subject);
    double number = number(value, op, subject);
    if (op == Comparator.NEQ) {
      sql.append("(" + nanColumn + " = TRUE OR " + valueColumn + " <> ?)", number);
    } else {
      sql.append(nanColumn + " = FALSE AND " + valueColumn + " " + operator + " ?", number);
    }
  }

  private static String numericOperator(Comparator op, String subject) {
    return switch (op) {
      case EQ -> "=";
      case NEQ -> "<>";
      case GT -> ">";
      case GTE -> ">=";
      case LT -> "<";
      case LTE -> "<=";
      default -> throw invalidComparator(op, subject);
    };
  }

  /** Integral numbers bind as integers so they compare exactly against BIGINT columns. */
  private static Object bindable(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      return (long) value;
    }
    return value;
  }

  private static String text(FilterValue value, Comparator op, String subject) {
    if (value instanceof FilterValue.Text text) {
      return text.value();
    }
    throw MledgerException.invalidParameter(
        "Expected a quoted string value for " + subject + " " + op.symbol() + ".");
  }

  private static List<String> list(FilterValue value, Comparator op, String subject) {
    if (value instanceof FilterValue.TextList list) {
      return list.values();
    }
    throw MledgerException.invalidParameter(
        "Expected a list of quoted strings for " + subject + " " + op.symbol() + ".");
  }

  private static double number(FilterValue value, Comparator op, String subject) {
    if (value instanceof FilterValue.Number number) {
      return number.value();
    }
    throw MledgerException.invalidParameter(
        "Expected a numeric value for " + subject + " " + op.symbol() + ".");
  }

  static MledgerException invalidComparator(Comparator op, String subject) {
    return MledgerException.invalidParameter(
        "Invalid comparator '" + op.symbol() + "' for " + subject + ".");
  }
}
