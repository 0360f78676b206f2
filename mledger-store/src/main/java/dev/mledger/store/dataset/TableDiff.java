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
 * rows cancel out, the rest count as added or removed, and "changed" is not defined (0). Numbers
 * compare by value, so the same data as CSV and as Parquet has no row changes.
 *
 * <p>Memory: both tables are in memory (as read by {@code TableReader}); matching rows sorts row
 * numbers ({@link RowOrder}), about 12 bytes per row per table at the peak, and copies no cells.
 *
 * <p>Schema: a column whose type differs is {@code type_changed}; when both files declare types
 * (Parquet), a changed declared type (say {@code INT32} to {@code INT64}) is one too, named by the
 * declared types. Distribution shift comes from {@link DriftAnalysis} with its default test per
 * column.
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

  /**
   * JSON form ({@code mledger data diff --json}'s {@code table}): {@code rows_from}, {@code
   * rows_to}, {@code schema_changes}, {@code rows} ({@code key}, {@code added}, {@code removed},
   * {@code changed} (null without a key), {@code unchanged}) and per shared column its drift test
   * under {@code columns}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows_from", rowsFrom);
    m.put("rows_to", rowsTo);
    m.put(
        "schema_changes",
        schema.stream()
            .map(
                c -> {
                  Map<String, Object> s = new LinkedHashMap<>();
                  s.put("column", c.column());
                  s.put("change", c.change());
                  s.put("from", c.from());
                  s.put("to", c.to());
                  return s;
                })
            .toList());
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("key", rows.key());
    changes.put("added", rows.added());
    changes.put("removed", rows.removed());
    changes.put("changed", rows.key().isEmpty() ? null : rows.changed());
    changes.put("unchanged", rows.unchanged());
    m.put("rows", changes);
    m.put(
        "columns",
        shifts.stream()
            .map(
                s -> {
                  Map<String, Object> c = new LinkedHashMap<>();
                  c.put("column", s.column());
                  c.put("type", s.type());
                  c.put("test", s.test());
                  c.put("statistic", s.statistic());
                  c.put("threshold", s.threshold());
                  c.put("drifted", s.drifted());
                  c.put("psi", s.psi());
                  return c;
                })
            .toList());
    return m;
  }

  private static final int OLD = 0;
  private static final int NEW = 1;

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
      } else if (declaredTypeChanged(from, to, c.name())) {
        schema.add(
            new SchemaChange(
                c.name(),
                "type_changed",
                from.sourceType(c.name()).orElseThrow(),
                to.sourceType(c.name()).orElseThrow()));
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

  private static boolean declaredTypeChanged(Table from, Table to, String column) {
    var a = from.sourceType(column);
    var b = to.sourceType(column);
    return a.isPresent() && b.isPresent() && !a.get().equals(b.get());
  }

  private static RowChanges multiset(Table from, Table to, List<String> shared) {
    RowOrder order = RowOrder.on(from, to, shared);
    int[] a = order.sorted(OLD, from.rows());
    int[] b = order.sorted(NEW, to.rows());
    long unchanged = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int d = order.compare(OLD, a[i], NEW, b[j]);
      if (d == 0) {
        unchanged++;
        i++;
        j++;
      } else if (d < 0) {
        i++;
      } else {
        j++;
      }
    }
    return new RowChanges(List.of(), to.rows() - unchanged, from.rows() - unchanged, 0, unchanged);
  }

  private static RowChanges keyed(Table from, Table to, List<String> shared, List<String> key) {
    List<String> values = shared.stream().filter(c -> !key.contains(c)).toList();
    RowOrder byKey = RowOrder.on(from, to, key);
    RowOrder byValues = RowOrder.on(from, to, values);
    int[] a = byKey.sorted(OLD, from.rows());
    int[] b = byKey.sorted(NEW, to.rows());
    requireUnique(byKey, OLD, a, key, "the old version");
    requireUnique(byKey, NEW, b, key, "the new version");
    long changed = 0;
    long unchanged = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int d = byKey.compare(OLD, a[i], NEW, b[j]);
      if (d == 0) {
        if (byValues.compare(OLD, a[i], NEW, b[j]) == 0) {
          unchanged++;
        } else {
          changed++;
        }
        i++;
        j++;
      } else if (d < 0) {
        i++;
      } else {
        j++;
      }
    }
    long matched = changed + unchanged;
    return new RowChanges(key, to.rows() - matched, from.rows() - matched, changed, unchanged);
  }

  private static void requireUnique(
      RowOrder byKey, int side, int[] sorted, List<String> key, String where) {
    for (int k = 1; k < sorted.length; k++) {
      if (byKey.compare(side, sorted[k - 1], side, sorted[k]) == 0) {
        throw MledgerException.invalidParameter(
            "key "
                + String.join(",", key)
                + " is not unique in "
                + where
                + " (value "
                + byKey.describe(side, sorted[k])
                + " repeats); choose a unique key or diff without --key");
      }
    }
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
