package dev.mledger.store.dataset;

import dev.mledger.core.dataset.ColumnProfile;
import dev.mledger.core.dataset.TabularProfile;
import dev.mledger.store.tabular.CategoricalColumn;
import dev.mledger.store.tabular.NumericColumn;
import dev.mledger.store.tabular.ReadOptions;
import dev.mledger.store.tabular.Table;
import dev.mledger.store.tabular.TableColumn;
import dev.mledger.store.tabular.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles CSV, TSV and Parquet snapshots with the shared {@link TableReader} (its type inference,
 * Parquet type mapping and missing-value rules). Parquet columns also keep the type the file
 * declares ({@link ColumnProfile#sourceType()}).
 */
public final class TabularProfiler {
  /** Categories listed per categorical column. */
  public static final int TOP_VALUES = 10;

  /**
   * Tables are read into memory to profile them; larger files are versioned without a profile (the
   * snapshot itself streams at any size).
   */
  public static final long MAX_PROFILED_BYTES = 512L << 20;

  private TabularProfiler() {}

  /** Whether {@code fileName} names a table this build can profile (CSV, TSV or Parquet). */
  public static boolean isTable(String fileName) {
    return TableReader.isTableFileName(fileName);
  }

  /** Reads and profiles {@code file}; failures are {@code MledgerException}s naming the file. */
  public static TabularProfile profile(Path file) {
    return profile(TableReader.read(file, ReadOptions.defaults()), file.getFileName().toString());
  }

  /** Profiles a table read earlier. */
  public static TabularProfile profile(Table table, String fileName) {
    List<ColumnProfile> columns = new ArrayList<>();
    for (TableColumn column : table.columns()) {
      ColumnProfile profile =
          column instanceof NumericColumn n ? numeric(n) : categorical((CategoricalColumn) column);
      columns.add(withSourceType(profile, table.sourceType(column.name()).orElse(null)));
    }
    return new TabularProfile(fileName, table.rows(), columns, table.format());
  }

  private static ColumnProfile withSourceType(ColumnProfile p, String sourceType) {
    return sourceType == null
        ? p
        : new ColumnProfile(
            p.name(),
            p.type(),
            p.count(),
            p.missing(),
            p.invalid(),
            p.distinct(),
            p.min(),
            p.max(),
            p.mean(),
            p.stddev(),
            p.median(),
            p.topValues(),
            sourceType);
  }

  private static ColumnProfile numeric(NumericColumn column) {
    double[] v = column.finiteValues();
    Arrays.sort(v);
    int n = v.length;
    if (n == 0) {
      return new ColumnProfile(
          column.name(),
          "numeric",
          0,
          column.missing(),
          column.invalid(),
          0,
          null,
          null,
          null,
          null,
          null,
          Map.of());
    }
    long distinct = 1;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += v[i];
      if (i > 0 && v[i] != v[i - 1]) {
        distinct++;
      }
    }
    double mean = sum / n;
    double squares = 0;
    for (double x : v) {
      squares += (x - mean) * (x - mean);
    }
    Double stddev = n > 1 ? Math.sqrt(squares / (n - 1)) : null;
    double position = 0.5 * (n - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(n - 1, lower + 1);
    double median = v[lower] + (position - lower) * (v[upper] - v[lower]);
    return new ColumnProfile(
        column.name(),
        "numeric",
        n,
        column.missing(),
        column.invalid(),
        distinct,
        v[0],
        v[n - 1],
        mean,
        stddev,
        median,
        Map.of());
  }

  private static ColumnProfile categorical(CategoricalColumn column) {
    Map<String, Long> counts = column.counts();
    long count = counts.values().stream().mapToLong(Long::longValue).sum();
    long distinct = counts.values().stream().filter(c -> c > 0).count();
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_VALUES)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return new ColumnProfile(
        column.name(),
        "categorical",
        count,
        column.missing(),
        0,
        distinct,
        null,
        null,
        null,
        null,
        null,
        top);
  }
}
