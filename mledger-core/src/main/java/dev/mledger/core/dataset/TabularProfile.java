package dev.mledger.core.dataset;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inferred schema, row count and per-column profile of a table snapshot (CSV or TSV).
 *
 * @param file the file inside the snapshot the profile describes
 * @param rows data rows (header excluded)
 * @param columns one profile per column, in file order
 */
public record TabularProfile(String file, long rows, List<ColumnProfile> columns) {

  public TabularProfile {
    columns = List.copyOf(columns);
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

  /** JSON form: {@code {"file":..., "rows":..., "columns":[...]}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file);
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
          (String) m.get("file"), ((Number) m.get("rows")).longValue(), columns);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw MledgerException.invalidParameter("unreadable tabular profile: " + e.getMessage());
    }
  }
}
