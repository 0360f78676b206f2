package dev.mledger.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table for terminal output: columns padded to a common width, cells wider than the style
 * allows cut with an ellipsis, columns whose cells are all numbers right-aligned (so digits line
 * up), and a bold header only when the style allows escape sequences.
 *
 * <pre>{@code
 * Table.of("metric", "a", "b", "Δ").row("acc", 0.91, 0.88, 0.03).print(out, TableStyle.detect());
 * }</pre>
 */
public final class Table {
  private static final String ELLIPSIS = "…";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";
  private static final String GAP = "  ";

  private final List<String> headers;
  private final List<Object[]> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  /** A table with these column headers. */
  public static Table of(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    return new Table(List.of(headers));
  }

  /**
   * Adds a row; values are shown with {@link Cells#format}, so null shows as {@value
   * Cells#MISSING}.
   *
   * @throws IllegalArgumentException when the row does not have one value per column
   */
  public Table row(Object... values) {
    if (values.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + values.length + " values for " + headers.size() + " columns");
    }
    rows.add(Arrays.copyOf(values, values.length));
    return this;
  }

  /** Whether no row was added. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table as lines without trailing spaces, each ending in a newline. */
  public String render(TableStyle style) {
    int columns = headers.size();
    String[][] cells = new String[rows.size()][columns];
    boolean[] numeric = new boolean[columns];
    Arrays.fill(numeric, true);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns; c++) {
        Object value = rows.get(r)[c];
        cells[r][c] = fit(clean(Cells.format(value)), style.maxCellWidth());
        if (value != null && !(value instanceof Number)) {
          numeric[c] = false;
        }
      }
    }
    String[] header = new String[columns];
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      header[c] = fit(clean(headers.get(c)), style.maxCellWidth());
      widths[c] = width(header[c]);
      for (String[] row : cells) {
        widths[c] = Math.max(widths[c], width(row[c]));
      }
      numeric[c] = numeric[c] && !rows.isEmpty();
    }
    StringBuilder out = new StringBuilder();
    String headerLine = line(header, widths, numeric);
    out.append(style.ansi() ? BOLD + headerLine + RESET : headerLine).append('\n');
    for (String[] row : cells) {
      out.append(line(row, widths, numeric)).append('\n');
    }
    return out.toString();
  }

  /** Prints {@link #render} and flushes. */
  public void print(PrintWriter out, TableStyle style) {
    out.print(render(style));
    out.flush();
  }

  private static String line(String[] cells, int[] widths, boolean[] rightAligned) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        line.append(GAP);
      }
      String padding = " ".repeat(widths[c] - width(cells[c]));
      if (rightAligned[c]) {
        line.append(padding).append(cells[c]);
      } else {
        line.append(cells[c]).append(padding);
      }
    }
    return line.toString().stripTrailing();
  }

  /** Cuts {@code text} to {@code max} characters, the last being an ellipsis. */
  static String fit(String text, int max) {
    if (width(text) <= max) {
      return text;
    }
    int end = text.offsetByCodePoints(0, max - 1);
    return text.substring(0, end) + ELLIPSIS;
  }

  // Control characters (newlines, escapes logged into a param or tag) would break the layout or
  // smuggle terminal sequences into the output.
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    return out.toString();
  }

  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
