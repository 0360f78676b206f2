package dev.mledger.store.tabular;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical column, dictionary-encoded.
 *
 * @param name the header name
 * @param dictionary the distinct values, in order of first appearance
 * @param codes one index into {@code dictionary} per row; -1 where the cell was missing
 * @param missing empty cells and missing-value tokens
 */
public record CategoricalColumn(String name, List<String> dictionary, int[] codes, long missing)
    implements TableColumn {

  public CategoricalColumn {
    dictionary = List.copyOf(dictionary);
  }

  @Override
  public ColumnType type() {
    return ColumnType.CATEGORICAL;
  }

  @Override
  public int rows() {
    return codes.length;
  }

  /** The value of a row, or {@code null} when missing. */
  public String value(int row) {
    int code = codes[row];
    return code < 0 ? null : dictionary.get(code);
  }

  /** Count per category (missing cells excluded), in dictionary order. */
  public Map<String, Long> counts() {
    long[] counts = new long[dictionary.size()];
    for (int code : codes) {
      if (code >= 0) {
        counts[code]++;
      }
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      out.put(dictionary.get(i), counts[i]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoricalColumn other
        && name.equals(other.name)
        && dictionary.equals(other.dictionary)
        && Arrays.equals(codes, other.codes)
        && missing == other.missing;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(codes);
  }

  @Override
  public String toString() {
    return "CategoricalColumn[" + name + ", rows=" + codes.length + "]";
  }
}
