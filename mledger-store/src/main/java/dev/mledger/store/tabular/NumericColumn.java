package dev.mledger.store.tabular;

import java.util.Arrays;
import java.util.List;

/**
 * A numeric column.
 *
 * @param name the header name
 * @param values one value per row; NaN where the cell was missing or invalid
 * @param missing empty cells and missing-value tokens
 * @param invalid cells that are neither numbers nor missing (for example {@code abc}, {@code inf}):
 *     a data-quality issue, counted rather than fatal
 * @param invalidExamples up to five distinct invalid cells, for messages
 */
public record NumericColumn(
    String name, double[] values, long missing, long invalid, List<String> invalidExamples)
    implements TableColumn {

  public NumericColumn {
    invalidExamples = List.copyOf(invalidExamples);
  }

  @Override
  public ColumnType type() {
    return ColumnType.NUMERIC;
  }

  @Override
  public int rows() {
    return values.length;
  }

  /** The finite values only (missing and invalid cells dropped), as a new array. */
  public double[] finiteValues() {
    double[] out = new double[values.length];
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        out[n++] = v;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn other
        && name.equals(other.name)
        && Arrays.equals(values, other.values)
        && missing == other.missing
        && invalid == other.invalid
        && invalidExamples.equals(other.invalidExamples);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NumericColumn[" + name + ", rows=" + values.length + ", invalid=" + invalid + "]";
  }
}
