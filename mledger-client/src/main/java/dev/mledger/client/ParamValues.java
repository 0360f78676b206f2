package dev.mledger.client;

import java.math.BigDecimal;

/**
 * Renders param values as MLflow's Python client does ({@code str(value)}), so a Java run and a
 * Python run with the same hyper-parameters show identical params: {@code 0.1}, {@code 1e-05},
 * {@code 3.0}, {@code True}.
 */
final class ParamValues {
  private ParamValues() {}

  static String format(Object value) {
    if (value instanceof Double d) {
      return pythonFloat(d);
    }
    if (value instanceof Float f) {
      return pythonFloat(Double.parseDouble(Float.toString(f)));
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(value);
  }

  /** Python's {@code repr(float)}: shortest round-trip digits, scientific outside [1e-4, 1e16). */
  static String pythonFloat(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = decimal.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - decimal.scale();
    String sign = v < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = decimal.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = String.format("%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }
}
