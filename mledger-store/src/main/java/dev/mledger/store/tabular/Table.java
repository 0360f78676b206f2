package dev.mledger.store.tabular;

import dev.mledger.core.error.MledgerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table read from a file: typed columns in header order.
 *
 * @param source the file it was read from
 * @param rows number of data rows (header excluded)
 * @param columns the columns, in file order (or the order requested)
 * @param format {@code csv}, {@code tsv} or {@code parquet}
 * @param sourceTypes per column, the type the file itself declares (Parquet: physical type and
 *     logical annotation, e.g. {@code INT64}, {@code BYTE_ARRAY (STRING)}); empty for text formats,
 *     whose types are inferred
 */
public record Table(
    Path source,
    int rows,
    List<TableColumn> columns,
    String format,
    Map<String, String> sourceTypes) {
  public Table {
    columns = List.copyOf(columns);
    sourceTypes = Map.copyOf(sourceTypes);
  }

  /** A table of a text format, whose column types were inferred. */
  public Table(Path source, int rows, List<TableColumn> columns) {
    this(source, rows, columns, textFormat(source), Map.of());
  }

  private static String textFormat(Path source) {
    String name =
        source == null || source.getFileName() == null ? "" : source.getFileName().toString();
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".tsv") || lower.endsWith(".tab") ? "tsv" : "csv";
  }

  /** The type {@code column} has in the file, if the format declares types. */
  public Optional<String> sourceType(String column) {
    return Optional.ofNullable(sourceTypes.get(column));
  }

  /** The column called {@code name}, if any. */
  public Optional<TableColumn> find(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column called {@code name}; RESOURCE_DOES_NOT_EXIST naming the file otherwise. */
  public TableColumn column(String name) {
    return find(name)
        .orElseThrow(
            () ->
                MledgerException.notFound(
                    "column '"
                        + name
                        + "' not found in "
                        + source
                        + " (columns: "
                        + names()
                        + ")"));
  }

  /** The column names, in order. */
  public List<String> names() {
    return columns.stream().map(TableColumn::name).toList();
  }
}
