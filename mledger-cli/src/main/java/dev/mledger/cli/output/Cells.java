package dev.mledger.cli.output;

import java.math.BigDecimal;
import java.math.MathContext;

/** Turns cell values into the text a table shows. */
public final class Cells {
  /** Shown for a missing value (null). */
  public static final String MISSING = "-";

  private static final MathContext SIGNIFICANT = new MathContext(6);

  private Cells() {}

  /**
   * Text of a cell: null is {@value #MISSING}; integers as they are; other numbers with up to six
   * significant digits, plain between 1e-4 and 1e9 and in scientific notation outside.
   */
  public static String format(Object value) {
    if (value == null) {
      return MISSING;
    }
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    return value.toString();
  }

  /** A number with up to six significant digits; NaN and infinities spelled out. */
  public static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0.0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
    if (magnitude >= 1e-4 && magnitude < 1e9) {
      return rounded.toPlainString();
    }
    return rounded.toString().replace("E+", "e").replace("E", "e");
  }
}
