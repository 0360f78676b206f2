package dev.mledger.core.validation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python-compatible string helpers, so messages and path rules match MLflow's exactly. */
final class PythonFormat {

  private PythonFormat() {}

  /** Python's {@code len(s)}: code points, not UTF-16 units. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Python's {@code s[:n]} in code points. */
  static String prefix(String s, int codePoints) {
    if (length(s) <= codePoints) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, codePoints));
  }

  /** Python's {@code str(float)}: {@code 1.0}, {@code 1e-05}, {@code nan}, {@code inf}. */
  static String pyFloat(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortestDigits(Math.abs(v));
    String digits = shortest.unscaledValue().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String sign = v < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = shortest.toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
  }

  /**
   * The fewest significant digits that read back as {@code v} (Python's repr rule; Java 17's {@code
   * Double.toString} is not always the shortest).
   */
  private static BigDecimal shortestDigits(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == v) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** Python's {@code posixpath.normpath}. */
  static String normpath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    int initialSlashes = path.startsWith("/") ? 1 : 0;
    // POSIX keeps exactly two leading slashes but collapses three or more into one.
    if (path.startsWith("//") && !path.startsWith("///")) {
      initialSlashes = 2;
    }
    List<String> parts = new ArrayList<>();
    for (String comp : path.split("/", -1)) {
      if (comp.isEmpty() || comp.equals(".")) {
        continue;
      }
      boolean keep =
          !comp.equals("..")
              || (initialSlashes == 0 && parts.isEmpty())
              || (!parts.isEmpty() && parts.get(parts.size() - 1).equals(".."));
      if (keep) {
        parts.add(comp);
      } else if (!parts.isEmpty()) {
        parts.remove(parts.size() - 1);
      }
    }
    String joined = "/".repeat(initialSlashes) + String.join("/", parts);
    return joined.isEmpty() ? "." : joined;
  }

  /** Python's repr of a list of strings: {@code ['a', 'b']}. */
  static String pyList(List<String> values) {
    List<String> quoted = new ArrayList<>(values.size());
    for (String v : values) {
      quoted.add(pyStr(v));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  /** Python's repr of a string. */
  static String pyStr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.append(quote).toString();
  }
}
