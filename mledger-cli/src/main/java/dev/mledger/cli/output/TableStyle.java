package dev.mledger.cli.output;

/**
 * How a {@link Table} is drawn.
 *
 * @param ansi whether escape sequences (a bold header) may be used: only on a terminal
 * @param maxCellWidth cells wider than this many characters are cut and end with an ellipsis
 */
public record TableStyle(boolean ansi, int maxCellWidth) {
  /** Cell width used unless the caller asks otherwise. */
  public static final int DEFAULT_MAX_CELL_WIDTH = 40;

  public TableStyle {
    if (maxCellWidth < 2) {
      throw new IllegalArgumentException("maxCellWidth must be at least 2, got " + maxCellWidth);
    }
  }

  /** Plain text: no escape sequences, default cell width. */
  public static TableStyle plain() {
    return new TableStyle(false, DEFAULT_MAX_CELL_WIDTH);
  }

  /**
   * Escape sequences only when standard output is an interactive terminal and {@code NO_COLOR} is
   * not set (https://no-color.org), so pipes and files always get plain text.
   */
  public static TableStyle detect() {
    boolean terminal = System.console() != null;
    String noColor = System.getenv("NO_COLOR");
    boolean ansi = terminal && (noColor == null || noColor.isEmpty());
    return new TableStyle(ansi, DEFAULT_MAX_CELL_WIDTH);
  }

  public TableStyle withMaxCellWidth(int width) {
    return new TableStyle(ansi, width);
  }
}
