package dev.mledger.server.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Python's {@code repr(float)} does, which is what MLflow's server
 * writes through {@code json.dumps}: the shortest digit string that round-trips, in positional
 * notation for decimal exponents in [-4, 16) and {@code 1e-05} style otherwise.
 */
public final class PythonFloat {
  private static final int MAX_SIGNIFICANT_DIGITS = 17;

  private PythonFloat() {}

  /** Python's {@code repr} of a finite double; NaN and infinities are rejected. */
  public static String repr(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == 0.0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortestRoundTrip(value);
    String digits = shortest.unscaledValue().abs().toString();
    int trailingZeros = 0;
    while (trailingZeros < digits.length() - 1
        && digits.charAt(digits.length() - 1 - trailingZeros) == '0') {
      trailingZeros++;
    }
    digits = digits.substring(0, digits.length() - trailingZeros);
    // value = 0.d1d2...dn * 10^decimalPoint
    int decimalPoint = digits.length() - (shortest.scale() - trailingZeros);
    String sign = value < 0 ? "-" : "";
    if (decimalPoint <= -4 || decimalPoint > 16) {
      return sign + scientific(digits, decimalPoint - 1);
    }
    return sign + positional(digits, decimalPoint);
  }

  private static BigDecimal shortestRoundTrip(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < MAX_SIGNIFICANT_DIGITS; precision++) {
      // Next to a power of two the rounding interval is asymmetric, so the nearest p-digit
      // decimal may miss it while the one on the other side hits: try both neighbours.
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
      boolean downHits = down.doubleValue() == value;
      boolean upHits = up.doubleValue() == value;
      if (downHits && upHits) {
        return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      }
      if (downHits) {
        return down;
      }
      if (upHits) {
        return up;
      }
    }
    return exact.round(new MathContext(MAX_SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN));
  }

  private static String scientific(String digits, int exponent) {
    StringBuilder out = new StringBuilder();
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    return out.append(magnitude).toString();
  }

  private static String positional(String digits, int decimalPoint) {
    if (decimalPoint <= 0) {
      return "0." + "0".repeat(-decimalPoint) + digits;
    }
    if (decimalPoint >= digits.length()) {
      return digits + "0".repeat(decimalPoint - digits.length()) + ".0";
    }
    return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
  }
}
