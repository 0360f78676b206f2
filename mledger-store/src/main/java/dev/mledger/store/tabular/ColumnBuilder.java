package dev.mledger.store.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Accumulates the cells of one column into primitive storage while a file streams by. */
abstract sealed class ColumnBuilder permits ColumnBuilder.Numeric, ColumnBuilder.Categorical {
  /**
   * Tokens read as missing values: pandas' default {@code na_values}, so files written by pandas
   * round-trip with the same missing cells.
   */
  static final Set<String> MISSING_TOKENS =
      Set.of(
          "",
          "#N/A",
          "#N/A N/A",
          "#NA",
          "-1.#IND",
          "-1.#QNAN",
          "-NaN",
          "-nan",
          "1.#IND",
          "1.#QNAN",
          "<NA>",
          "N/A",
          "NA",
          "NULL",
          "NaN",
          "None",
          "n/a",
          "nan",
          "null");

  private static final int LONGEST_MISSING_TOKEN = 8;

  final String name;
  int rows;
  long missing;

  ColumnBuilder(String name) {
    this.name = name;
  }

  /**
   * Adds the cell {@code buf[start, end)}; {@code escaped} when the range still holds doubled
   * quotes of a quoted field.
   */
  abstract void add(char[] buf, int start, int end, boolean escaped);

  static String text(char[] buf, int start, int end, boolean escaped) {
    String raw = new String(buf, start, end - start);
    return escaped ? raw.replace("\"\"", "\"") : raw;
  }

  abstract TableColumn build();

  /** Adds a missing cell (a Parquet null). */
  abstract void addMissing();

  /**
   * Adds a typed value's text, as a CSV cell would be added: parsed by a numeric column, taken
   * literally (no missing-value tokens) by a categorical one.
   */
  abstract void addText(String value);

  static boolean isMissing(char[] buf, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return true;
    }
    if (length > LONGEST_MISSING_TOKEN) {
      return false;
    }
    char first = buf[start];
    // Cheap filter before building a String: every token starts with one of these.
    if ("#-1<NnN".indexOf(first) < 0) {
      return false;
    }
    return MISSING_TOKENS.contains(new String(buf, start, length));
  }

  static final class Numeric extends ColumnBuilder {
    private static final int EXAMPLES = 5;
    private double[] values = new double[1024];
    private long invalid;
    private final Set<String> examples = new LinkedHashSet<>();

    Numeric(String name) {
      super(name);
    }

    @Override
    void add(char[] buf, int start, int end, boolean escaped) {
      if (rows == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      double v;
      if (isMissing(buf, start, end)) {
        missing++;
        v = Double.NaN;
      } else {
        v = escaped ? Double.NaN : NumberParser.parse(buf, start, end);
        if (!Double.isFinite(v)) {
          invalid++;
          if (examples.size() < EXAMPLES) {
            examples.add(text(buf, start, end, escaped));
          }
          v = Double.NaN;
        }
      }
      values[rows++] = v;
    }

    /** Adds a typed number: NaN is missing, infinities are invalid (as {@code inf} in a CSV). */
    void addNumber(double v) {
      if (Double.isNaN(v)) {
        addMissing();
      } else if (Double.isInfinite(v)) {
        invalid++;
        if (examples.size() < EXAMPLES) {
          examples.add(v > 0 ? "Infinity" : "-Infinity");
        }
        append(Double.NaN);
      } else {
        append(v);
      }
    }

    @Override
    void addMissing() {
      missing++;
      append(Double.NaN);
    }

    @Override
    void addText(String value) {
      char[] chars = value.toCharArray();
      add(chars, 0, chars.length, false);
    }

    private void append(double v) {
      if (rows == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[rows++] = v;
    }

    @Override
    TableColumn build() {
      return new NumericColumn(
          name, Arrays.copyOf(values, rows), missing, invalid, new ArrayList<>(examples));
    }
  }

  static final class Categorical extends ColumnBuilder {
    private int[] codes = new int[1024];
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> dictionary = new ArrayList<>();

    Categorical(String name) {
      super(name);
    }

    @Override
    void add(char[] buf, int start, int end, boolean escaped) {
      if (rows == codes.length) {
        codes = Arrays.copyOf(codes, codes.length * 2);
      }
      if (!escaped && isMissing(buf, start, end)) {
        missing++;
        codes[rows++] = -1;
        return;
      }
      codes[rows++] = code(text(buf, start, end, escaped));
    }

    @Override
    void addMissing() {
      ensureCapacity();
      missing++;
      codes[rows++] = -1;
    }

    @Override
    void addText(String value) {
      ensureCapacity();
      codes[rows++] = code(value);
    }

    private void ensureCapacity() {
      if (rows == codes.length) {
        codes = Arrays.copyOf(codes, codes.length * 2);
      }
    }

    private int code(String value) {
      Integer code = index.get(value);
      if (code == null) {
        code = dictionary.size();
        index.put(value, code);
        dictionary.add(value);
      }
      return code;
    }

    @Override
    TableColumn build() {
      return new CategoricalColumn(name, dictionary, Arrays.copyOf(codes, rows), missing);
    }
  }
}
