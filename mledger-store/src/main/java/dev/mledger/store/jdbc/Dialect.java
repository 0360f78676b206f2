package dev.mledger.store.jdbc;

/**
 * The SQL databases the tracking store runs on. The schema and almost all statements are shared;
 * this enum holds the few places where the two differ.
 */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** Flyway location of this dialect's migrations. */
  String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }

  /**
   * Case-sensitive LIKE. SQLite connections run with {@code case_sensitive_like} on; the escape
   * clause makes backslash the escape character there too, as it is by default on PostgreSQL
   * ({@code char(92)} rather than a quoted backslash, which statement parsers misread).
   */
  String like(String column) {
    return switch (this) {
      case SQLITE -> column + " LIKE ? ESCAPE char(92)";
      case POSTGRESQL -> column + " LIKE ?";
    };
  }

  /**
   * Case-insensitive LIKE. SQLite has no ILIKE, so both sides are lower-cased there (its {@code
   * lower} folds ASCII letters only).
   */
  String ilike(String column) {
    return switch (this) {
      case SQLITE -> "lower(" + column + ") LIKE lower(?) ESCAPE char(92)";
      case POSTGRESQL -> column + " ILIKE ?";
    };
  }
}
