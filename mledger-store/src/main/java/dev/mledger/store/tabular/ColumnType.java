package dev.mledger.store.tabular;

/** The type of a table column. */
public enum ColumnType {
  NUMERIC,
  CATEGORICAL;

  /** Lower-case name used in messages and reports. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
