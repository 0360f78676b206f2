package dev.mledger.store.tabular;

import dev.mledger.core.error.MledgerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A table read from a file: typed columns in header order.
 *
 * @param source the file it was read from
 * @param rows number of data rows (header excluded)
 * @param columns the columns, in file order (or the order requested)
 */
public record Table(Path source, int rows, List<TableColumn> columns) {
  public Table {
    columns = List.copyOf(columns);
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
