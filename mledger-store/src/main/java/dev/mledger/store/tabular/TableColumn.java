package dev.mledger.store.tabular;

/** One column of a {@link Table}, row-aligned with the other columns. */
public sealed interface TableColumn permits NumericColumn, CategoricalColumn {
  /** The header name. */
  String name();

  /** Numeric or categorical. */
  ColumnType type();

  /** Number of rows (equal for every column of a table). */
  int rows();

  /** Cells that were empty or a missing-value token such as {@code NA} or {@code null}. */
  long missing();
}
