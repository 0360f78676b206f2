package dev.mledger.store.dataset;

import dev.mledger.core.drift.CategoricalDrift;
import dev.mledger.core.drift.ColumnDrift;
import dev.mledger.core.drift.DriftAnalysis;
import dev.mledger.core.drift.DriftInput;
import dev.mledger.core.drift.DriftReport;
import dev.mledger.core.drift.DriftSettings;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.tabular.CategoricalColumn;
import dev.mledger.store.tabular.NumericColumn;
import dev.mledger.store.tabular.Table;
import dev.mledger.store.tabular.TableColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The differences between two versions of a table: schema changes, row counts, added / removed /
 * changed rows and the distribution shift of every column both share.
 *
 * <p>Rows are compared on the columns both versions have. With key columns, rows are matched by
 * key: a key only in the new version is added, only in the old one removed, in both with different
 * values changed (keys must be unique). Without a key, rows are compared as a multiset: identical
 * rows cancel out, the rest count as added or removed, and "changed" is not defined (0).
 * Distribution shift comes from {@link DriftAnalysis} with its default test per column.
 *
 * @param rowsFrom rows in the old version
 * @param rowsTo rows in the new version
 * @param schema column additions, removals and type changes
 * @param rows row-level changes
 * @param shifts per shared column, the drift test and verdict
 */
public record TableDiff(
    long rowsFrom,
    long rowsTo,
    List<SchemaChange> schema,
    RowChanges rows,
    List<ColumnShift> shifts) {

  /**
   * One schema change.
   *
   * @param column column name
   * @param change {@code added}, {@code removed} or {@code type_changed}
   * @param from old type, null when added
   * @param to new type, null when removed
   */
  public record SchemaChange(String column, String change, String from, String to) {}

  /**
   * Row-level changes.
   *
   * @param key the key columns used, empty for a multiset comparison
   * @param added rows only in the new version
   * @param removed rows only in the old version
   * @param changed keyed rows whose values differ (0 without a key)
   * @param unchanged rows in both, identical
   */
  public record RowChanges(
      List<String> key, long added, long removed, long changed, long unchanged) {}

  /**
   * Distribution shift of one column.
   *
   * @param column column name
   * @param type numeric or categorical
   * @param test the test used ({@code ks}, {@code psi}, {@code chi2}, ...)
   * @param statistic its value
   * @param threshold the threshold it was compared with
   * @param drifted whether it signals drift
   * @param psi population stability index over quantile bins or categories
   */
  public record ColumnShift(
      String column,
      String type,
      String test,
      double statistic,
      double threshold,
      boolean drifted,
      double psi) {}

  private static final char SEPARATOR = '\u001f';

  /** Compares {@code from} (old) with {@code to} (new), matching rows by {@code key} if given. */
  public static TableDiff of(Table from, Table to, List<String> key) {
    List<SchemaChange> schema = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    for (TableColumn c : from.columns()) {
      var other = to.find(c.name());
      if (other.isEmpty()) {
        schema.add(new SchemaChange(c.name(), "removed", c.type().jsonName(), null));
      } else if (other.get().type() != c.type()) {
        schema.add(
            new SchemaChange(
                c.name(), "type_changed", c.type().jsonName(), other.get().type().jsonName()));
        shared.add(c.name());
      } else {
        shared.add(c.name());
      }
    }
    for (TableColumn c : to.columns()) {
      if (from.find(c.name()).isEmpty()) {
        schema.add(new SchemaChange(c.name(), "added", null, c.type().jsonName()));
      }
    }
    for (String k : key) {
      if (!shared.contains(k)) {
        throw MledgerException.invalidParameter(
            "key column '" + k + "' is not in both versions (shared columns: " + shared + ")");
      }
    }
    RowChanges rows = key.isEmpty() ? multiset(from, to, shared) : keyed(from, to, shared, key);
    return new TableDiff(from.rows(), to.rows(), schema, rows, shifts(from, to, shared));
  }

  private static RowChanges multiset(Table from, Table to, List<String> shared) {
    Map<String, Integer> counts = new HashMap<>();
    for (int r = 0; r < from.rows(); r++) {
      counts.merge(row(from, shared, r), 1, Integer::sum);
    }
    long unchanged = 0;
    long added = 0;
    for (int r = 0; r < to.rows(); r++) {
      String row = row(to, shared, r);
      Integer left = counts.get(row);
      if (left != null && left > 0) {
        counts.put(row, left - 1);
        unchanged++;
      } else {
        added++;
      }
    }
    long removed = from.rows() - unchanged;
    return new RowChanges(List.of(), added, removed, 0, unchanged);
  }

  private static RowChanges keyed(Table from, Table to, List<String> shared, List<String> key) {
    List<String> values = shared.stream().filter(c -> !key.contains(c)).toList();
    Map<String, String> old = new HashMap<>();
    for (int r = 0; r < from.rows(); r++) {
      String k = row(from, key, r);
      if (old.put(k, row(from, values, r)) != null) {
        throw duplicateKey(key, k, "the old version");
      }
    }
    long added = 0;
    long changed = 0;
    long unchanged = 0;
    Map<String, Boolean> seen = new HashMap<>();
    for (int r = 0; r < to.rows(); r++) {
      String k = row(to, key, r);
      if (seen.put(k, Boolean.TRUE) != null) {
        throw duplicateKey(key, k, "the new version");
      }
      String before = old.get(k);
      if (before == null) {
        added++;
      } else if (before.equals(row(to, values, r))) {
        unchanged++;
      } else {
        changed++;
      }
    }
    long removed = from.rows() - changed - unchanged;
    return new RowChanges(key, added, removed, changed, unchanged);
  }

  private static MledgerException duplicateKey(List<String> key, String value, String where) {
    return MledgerException.invalidParameter(
        "key "
            + String.join(",", key)
            + " is not unique in "
            + where
            + " (value "
            + value.replace(SEPARATOR, ',')
            + " repeats); choose a unique key or diff without --key");
  }

  private static String row(Table table, List<String> columns, int r) {
    StringBuilder sb = new StringBuilder();
    for (String name : columns) {
      sb.append(cell(table.column(name), r)).append(SEPARATOR);
    }
    return sb.toString();
  }

  /** A cell as text; numbers in canonical form so that {@code 1} and {@code 1.0} are equal. */
  private static String cell(TableColumn column, int r) {
    if (column instanceof NumericColumn n) {
      return Double.isNaN(n.values()[r]) ? "\u0000" : Double.toString(n.values()[r]);
    }
    String value = ((CategoricalColumn) column).value(r);
    return value == null ? "\u0000" : value;
  }

  private static List<ColumnShift> shifts(Table from, Table to, List<String> shared) {
    List<DriftInput> inputs = new ArrayList<>();
    for (String name : shared) {
      TableColumn a = from.column(name);
      TableColumn b = to.column(name);
      if (a instanceof NumericColumn na && b instanceof NumericColumn nb) {
        double[] va = na.finiteValues();
        double[] vb = nb.finiteValues();
        if (va.length > 0 && vb.length > 0) {
          inputs.add(new DriftInput.Numeric(name, va, vb));
        }
      } else if (a instanceof CategoricalColumn ca && b instanceof CategoricalColumn cb) {
        Map<String, Long> ra = ca.counts();
        Map<String, Long> rb = cb.counts();
        if (total(ra) > 0 && total(rb) > 0) {
          inputs.add(new DriftInput.Categorical(name, ra, rb));
        }
      }
    }
    if (inputs.isEmpty()) {
      return List.of();
    }
    DriftReport report = DriftAnalysis.report(inputs, DriftSettings.defaults());
    Map<String, ColumnShift> byName = new LinkedHashMap<>();
    for (ColumnDrift d : report.columns()) {
      byName.put(
          d.column(),
          new ColumnShift(
              d.column(),
              d instanceof CategoricalDrift ? "categorical" : "numeric",
              d.verdict().test().jsonName(),
              d.verdict().value(),
              d.verdict().threshold(),
              d.verdict().drifted(),
              d.divergences().psi()));
    }
    return List.copyOf(byName.values());
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
