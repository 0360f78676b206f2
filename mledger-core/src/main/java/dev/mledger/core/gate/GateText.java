package dev.mledger.core.gate;

import java.math.BigDecimal;

/** Formatting of numbers in outcome reasons. */
final class GateText {
  private GateText() {}

  /** Short, exact decimal text: {@code 0.8}, {@code 250}, {@code 1.5E-7}, {@code NaN}. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (value == 0.0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e15) {
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
    return Double.toString(value);
  }

  /** A value rounded to 4 significant digits for readable reasons; evidence keeps full values. */
  static String brief(double value) {
    if (!Double.isFinite(value) || value == 0.0) {
      return number(value);
    }
    return number(
        new BigDecimal(value)
            .round(new java.math.MathContext(4))
            .stripTrailingZeros()
            .doubleValue());
  }
}
