package dev.mledger.core.drift;

/** How a column is compared: as numbers on a line, or as unordered categories. */
public enum ColumnKind {
  NUMERIC,
  CATEGORICAL;

  /** Lower-case name used in reports ({@code numeric}, {@code categorical}). */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
