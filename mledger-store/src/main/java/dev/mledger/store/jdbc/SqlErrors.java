package dev.mledger.store.jdbc;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Classifies driver exceptions so that callers can react to them and users get clear errors. */
final class SqlErrors {
  private static final String POSTGRES_UNIQUE_VIOLATION = "23505";
  private static final String CONNECTION_EXCEPTION_CLASS = "08";
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK_DETECTED = "40P01";

  private SqlErrors() {}

  /** True when {@code e} (or its cause chain) is a unique or primary key violation. */
  static boolean isUniqueViolation(Throwable e) {
    SQLException sql = sqlException(e);
    if (sql instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }
    return sql != null && POSTGRES_UNIQUE_VIOLATION.equals(sql.getSQLState());
  }

  /** True for PostgreSQL's deadlock and serialization failures, after which a retry succeeds. */
  static boolean isRetryable(Throwable e) {
    SQLException sql = sqlException(e);
    String state = sql == null ? null : sql.getSQLState();
    return SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state);
  }

  /** Maps an unexpected database failure to the error users see. */
  static MledgerException toMledger(RuntimeException e) {
    SQLException sql = sqlException(e);
    if (sql == null) {
      return new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Tracking database error: " + e.getMessage(), e);
    }
    if (isTransient(sql)) {
      return new MledgerException(
          ErrorCode.TEMPORARILY_UNAVAILABLE,
          "The tracking database is temporarily unavailable: " + sql.getMessage(),
          e);
    }
    return new MledgerException(
        ErrorCode.INTERNAL_ERROR, "Tracking database error: " + sql.getMessage(), e);
  }

  private static boolean isTransient(SQLException sql) {
    if (sql instanceof SQLiteException sqlite) {
      String name = sqlite.getResultCode().name();
      return name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED");
    }
    String state = sql.getSQLState();
    return state != null && state.startsWith(CONNECTION_EXCEPTION_CLASS);
  }

  private static SQLException sqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
