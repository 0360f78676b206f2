package dev.mledger.store.dataset;

import dev.mledger.store.tabular.CategoricalColumn;
import dev.mledger.store.tabular.NumericColumn;
import dev.mledger.store.tabular.Table;
import dev.mledger.store.tabular.TableColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders the rows of two tables on the same columns without copying a cell: rows are compared in
 * place, and each table is sorted as an {@code int[]} of row numbers (a merge sort on primitives,
 * so ordering a table costs 8 bytes per row on top of the table). The two orders agree across
 * tables, so sorted row lists can be merged like sorted files.
 *
 * <p>Numbers compare numerically (missing values last; {@code 1} and {@code 1.0} are equal), text
 * compares by UTF-16 code units (missing first). A column that is numeric in one table and text in
 * the other compares by text on both sides, numbers in their canonical form ({@code 1.0}).
 */
final class RowOrder {
  private final List<Cells> columns;

  private RowOrder(List<Cells> columns) {
    this.columns = columns;
  }

  /** An order on {@code names}, columns both tables have. */
  static RowOrder on(Table from, Table to, List<String> names) {
    List<Cells> columns = new ArrayList<>(names.size());
    for (String name : names) {
      TableColumn a = from.column(name);
      TableColumn b = to.column(name);
      boolean sameType = a.type() == b.type();
      columns.add(new Cells(a, b, sameType));
    }
    return new RowOrder(columns);
  }

  /** Row numbers of the old ({@code side == 0}) or new table, sorted in this order. */
  int[] sorted(int side, int rows) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    int[] buffer = new int[rows];
    mergeSort(order, buffer, 0, rows, side);
    return order;
  }

  /** Compares row {@code r} of table {@code sideA} with row {@code s} of table {@code sideB}. */
  int compare(int sideA, int r, int sideB, int s) {
    for (Cells c : columns) {
      int d = c.compare(sideA, r, sideB, s);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  /** The cells of row {@code r} as text, comma-separated (for messages). */
  String describe(int side, int r) {
    StringBuilder sb = new StringBuilder();
    for (Cells c : columns) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      String text = c.text(side, r);
      sb.append(text == null ? "" : text);
    }
    return sb.toString();
  }

  // Bottom-up would avoid recursion, but depth is log2(rows) and stays far below any stack limit.
  private void mergeSort(int[] a, int[] buffer, int from, int to, int side) {
    if (to - from < 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && compare(side, a[j], side, v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, buffer, from, mid, side);
    mergeSort(a, buffer, mid, to, side);
    if (compare(side, a[mid - 1], side, a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, buffer, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(side, buffer[i], side, buffer[j]) <= 0)) {
        a[k] = buffer[i++];
      } else {
        a[k] = buffer[j++];
      }
    }
  }

  /** One column in both tables, and how its cells compare. */
  private record Cells(TableColumn from, TableColumn to, boolean sameType) {
    TableColumn of(int side) {
      return side == 0 ? from : to;
    }

    int compare(int sideA, int r, int sideB, int s) {
      TableColumn a = of(sideA);
      TableColumn b = of(sideB);
      if (sameType && a instanceof NumericColumn na && b instanceof NumericColumn nb) {
        return Double.compare(normal(na.values()[r]), normal(nb.values()[s]));
      }
      return compareText(text(a, r), text(b, s));
    }

    String text(int side, int r) {
      return text(of(side), r);
    }

    private static String text(TableColumn column, int r) {
      if (column instanceof NumericColumn n) {
        double v = n.values()[r];
        return Double.isNaN(v) ? null : Double.toString(v);
      }
      return ((CategoricalColumn) column).value(r);
    }

    /** -0.0 and 0.0 are the same number (Double.compare would order them). */
    private static double normal(double v) {
      return v == 0.0 ? 0.0 : v;
    }

    private static int compareText(String a, String b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : -1) : 1;
      }
      return a.compareTo(b);
    }
  }
}
