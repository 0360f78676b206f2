package dev.mledger.core.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The profile of one table column. Numeric statistics are null for categorical columns and for
 * numeric columns without values; {@code topValues} is empty for numeric columns.
 *
 * @param name the header name
 * @param type {@code numeric} or {@code categorical}
 * @param count non-missing values
 * @param missing empty cells and missing-value tokens
 * @param invalid non-numeric cells in a numeric column
 * @param distinct distinct non-missing values
 * @param min smallest value
 * @param max largest value
 * @param mean arithmetic mean
 * @param stddev sample standard deviation (n - 1)
 * @param median the 50% quantile (linear interpolation)
 * @param topValues the most frequent categories with their counts, most frequent first
 * @param sourceType the type the file declares for the column (Parquet: physical type and logical
 *     annotation, e.g. {@code INT32 (DATE)}); null for text formats, whose types are inferred
 */
public record ColumnProfile(
    String name,
    String type,
    long count,
    long missing,
    long invalid,
    long distinct,
    Double min,
    Double max,
    Double mean,
    Double stddev,
    Double median,
    Map<String, Long> topValues,
    String sourceType) {

  public ColumnProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    topValues = Map.copyOf(topValues);
  }

  /** A column of a text table, without a declared type. */
  public ColumnProfile(
      String name,
      String type,
      long count,
      long missing,
      long invalid,
      long distinct,
      Double min,
      Double max,
      Double mean,
      Double stddev,
      Double median,
      Map<String, Long> topValues) {
    this(
        name, type, count, missing, invalid, distinct, min, max, mean, stddev, median, topValues,
        null);
  }

  /**
   * JSON form with snake_case keys (insertion-ordered, most frequent categories first); {@code
   * source_type} only when the file declares one.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type);
    m.put("count", count);
    m.put("missing", missing);
    m.put("invalid", invalid);
    m.put("distinct", distinct);
    m.put("min", min);
    m.put("max", max);
    m.put("mean", mean);
    m.put("stddev", stddev);
    m.put("median", median);
    List<Map.Entry<String, Long>> top =
        topValues.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    List<Map<String, Object>> values =
        top.stream()
            .map(e -> Map.<String, Object>of("value", e.getKey(), "count", e.getValue()))
            .toList();
    m.put("top_values", values);
    if (sourceType != null) {
      m.put("source_type", sourceType);
    }
    return m;
  }

  /**
   * Reads {@link #toMap()}'s form back (as parsed by {@link
   * dev.mledger.core.envelope.CanonicalJson}).
   */
  static ColumnProfile fromMap(Map<?, ?> m) {
    Map<String, Long> top = new LinkedHashMap<>();
    if (m.get("top_values") instanceof List<?> list) {
      for (Object o : list) {
        Map<?, ?> e = (Map<?, ?>) o;
        top.put((String) e.get("value"), ((Number) e.get("count")).longValue());
      }
    }
    return new ColumnProfile(
        (String) m.get("name"),
        (String) m.get("type"),
        ((Number) m.get("count")).longValue(),
        ((Number) m.get("missing")).longValue(),
        ((Number) m.get("invalid")).longValue(),
        ((Number) m.get("distinct")).longValue(),
        decimal(m.get("min")),
        decimal(m.get("max")),
        decimal(m.get("mean")),
        decimal(m.get("stddev")),
        decimal(m.get("median")),
        top,
        (String) m.get("source_type"));
  }

  private static Double decimal(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }
}
