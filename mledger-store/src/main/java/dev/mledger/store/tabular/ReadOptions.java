package dev.mledger.store.tabular;

import dev.mledger.core.error.MledgerException;
import java.util.List;
import java.util.Map;

/**
 * How to read a table.
 *
 * @param columns the columns to keep, in this order; empty keeps every column in file order
 * @param types forced types by column name; other columns are inferred
 * @param inferenceRows how many leading data rows decide a column's type (default 10 000)
 */
public record ReadOptions(List<String> columns, Map<String, ColumnType> types, int inferenceRows) {
  /** The default number of rows used for type inference. */
  public static final int DEFAULT_INFERENCE_ROWS = 10_000;

  public ReadOptions {
    columns = List.copyOf(columns);
    types = Map.copyOf(types);
    if (inferenceRows < 1) {
      throw MledgerException.invalidParameter("inferenceRows must be at least 1");
    }
  }

  /** Every column, inferred types. */
  public static ReadOptions defaults() {
    return new ReadOptions(List.of(), Map.of(), DEFAULT_INFERENCE_ROWS);
  }

  public ReadOptions withColumns(List<String> value) {
    return new ReadOptions(value, types, inferenceRows);
  }

  public ReadOptions withTypes(Map<String, ColumnType> value) {
    return new ReadOptions(columns, value, inferenceRows);
  }
}
