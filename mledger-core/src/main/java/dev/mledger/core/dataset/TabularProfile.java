package dev.mledger.core.dataset;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schema, row count and per-column profile of a table snapshot (CSV, TSV or Parquet).
 *
 * @param file the file inside the snapshot the profile describes
 * @param rows data rows (header excluded)
 * @param columns one profile per column, in file order
 * @param format {@code csv}, {@code tsv} or {@code parquet}; null in profiles recorded before
 *     formats were named
 */
public record TabularProfile(String file, long rows, List<ColumnProfile> columns, String format) {

  public TabularProfile {
    columns = List.copyOf(columns);
  }

  /** A profile without a named format. */
  public TabularProfile(String file, long rows, List<ColumnProfile> columns) {
    this(file, rows, columns, null);
  }

  /** The profile of column {@code name}, if the table has it. */
  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Column name to type ({@code numeric}/{@code categorical}), in file order. */
  public Map<String, String> schema() {
    Map<String, String> schema = new LinkedHashMap<>();
    columns.forEach(c -> schema.put(c.name(), c.type()));
    return schema;
  }

  /** Column name to the type the file declares (Parquet), in file order; empty for text formats. */
  public Map<String, String> sourceSchema() {
    Map<String, String> schema = new LinkedHashMap<>();
    columns.stream()
        .filter(c -> c.sourceType() != null)
        .forEach(c -> schema.put(c.name(), c.sourceType()));
    return schema;
  }

  /** JSON form: {@code {"file":..., "format":..., "rows":..., "columns":[...]}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file);
    if (format != null) {
      m.put("format", format);
    }
    m.put("rows", rows);
    m.put("columns", columns.stream().map(ColumnProfile::toMap).toList());
    return m;
  }

  /** The JSON text stored with a dataset version. */
  public String toJson() {
    return CanonicalJson.write(toMap());
  }

  /** Reads {@link #toJson()}'s text back. */
  public static TabularProfile fromJson(String json) {
    try {
      Map<?, ?> m = (Map<?, ?>) CanonicalJson.parse(json);
      List<ColumnProfile> columns = new ArrayList<>();
      for (Object c : (List<?>) m.get("columns")) {
        columns.add(ColumnProfile.fromMap((Map<?, ?>) c));
      }
      return new TabularProfile(
          (String) m.get("file"),
          ((Number) m.get("rows")).longValue(),
          columns,
          (String) m.get("format"));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw MledgerException.invalidParameter("unreadable tabular profile: " + e.getMessage());
    }
  }
}
