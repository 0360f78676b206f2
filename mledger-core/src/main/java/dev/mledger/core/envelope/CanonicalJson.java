package dev.mledger.core.envelope;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON after RFC 8785 (JCS): object keys sorted by UTF-16 code units, no insignificant
 * whitespace, strings escaped minimally ({@code \"}, {@code \\}, the short escapes and <code>
 * &#92;u00xx</code> for other control characters; everything else as UTF-8), doubles in
 * ECMAScript's shortest round-trip form. Strings with unpaired surrogates are rejected, as JCS
 * requires.
 *
 * <p>One deliberate difference: JCS treats every number as an IEEE double, which would silently
 * round 64-bit integers such as seeds. Here integers ({@link Long}, {@link Integer}, {@link
 * BigInteger}) are written exactly. For every integer of magnitude up to 2<sup>53</sup> the output
 * is identical to JCS's, since ECMAScript prints such doubles without fraction or exponent too.
 *
 * <p>Values are {@link Map} (keys must be strings), {@link List}, {@link String}, {@link Boolean},
 * integers, finite {@link Double}s and {@code null}. {@link #parse} reads strict RFC 8259 JSON back
 * into the same types (integers as {@link Long}, or {@link BigInteger} beyond its range; numbers
 * with a fraction or exponent as {@link Double}).
 */
public final class CanonicalJson {

  private static final int MAX_DEPTH = 256;

  private CanonicalJson() {}

  /** The canonical text of {@code value}. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    writeValue(out, value, 0);
    return out.toString();
  }

  /** Lower-case hex SHA-256 of the canonical text's UTF-8 bytes. */
  public static String sha256(Object value) {
    return sha256Hex(write(value).getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException(e);
    }
  }

  private static void writeValue(StringBuilder out, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof Double d) {
      out.append(formatDouble(d));
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map, depth);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeValue(out, list.get(i), depth + 1);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException(
          "not a JSON value: " + value.getClass().getName() + " (" + value + ")");
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map, int depth) {
    // TreeMap's natural String order is UTF-16 code-unit order, which is what JCS prescribes.
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
      }
      sorted.put(key, e.getValue());
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(out, e.getKey());
      out.append(':');
      writeValue(out, e.getValue(), depth + 1);
    }
    out.append('}');
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xF, 16));
          } else if (Character.isSurrogate(c)) {
            if (!Character.isHighSurrogate(c)
                || i + 1 >= s.length()
                || !Character.isLowSurrogate(s.charAt(i + 1))) {
              throw new IllegalArgumentException(
                  "string has an unpaired surrogate at index " + i + "; JSON text must be Unicode");
            }
            out.append(c).append(s.charAt(++i));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * ECMAScript's {@code Number.prototype.toString} (JCS section 3.2.2.3): shortest digits that read
   * back as {@code v}, plain notation for exponents in [-7, 21), otherwise {@code de±x}.
   */
  static String formatDouble(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("canonical JSON has no representation for " + v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal shortest = shortestDigits(Math.abs(v));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    // n: the decimal exponent such that v = 0.digits × 10^n
    int n = k - shortest.scale();
    StringBuilder out = new StringBuilder(v < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return out.toString();
  }

  /**
   * The shortest decimal that reads back as {@code v > 0}; among equally short ones the closest to
   * {@code v} (ECMAScript's rule). Java 17's {@link Double#toString} is not always shortest
   * (JDK-4511638), so candidates are searched: for each precision, the decimals just below and just
   * above {@code v} are the only ones that can round-trip.
   */
  private static BigDecimal shortestDigits(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal below = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      BigDecimal above = exact.round(new MathContext(precision, RoundingMode.CEILING));
      boolean belowOk = readsBackAs(below, v);
      boolean aboveOk = readsBackAs(above, v);
      if (belowOk && aboveOk) {
        int cmp = exact.subtract(below).compareTo(above.subtract(exact));
        BigDecimal closer =
            cmp < 0
                ? below
                : cmp > 0 ? above : exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        return closer.stripTrailingZeros();
      }
      if (belowOk) {
        return below.stripTrailingZeros();
      }
      if (aboveOk) {
        return above.stripTrailingZeros();
      }
    }
    throw new IllegalStateException("no 17-digit decimal reads back as " + v);
  }

  // Double.parseDouble rounds correctly; BigDecimal.doubleValue did not on older JDKs.
  private static boolean readsBackAs(BigDecimal candidate, double v) {
    return Double.parseDouble(candidate.toString()) == v;
  }

  // ---- reading -----------------------------------------------------------------------------

  /**
   * Parses strict JSON (RFC 8259). Objects become insertion-ordered maps; a repeated key is an
   * error, since it would make the canonical form ambiguous.
   *
   * @throws IllegalArgumentException with the offset of the first problem
   */
  public static Object parse(String text) {
    Reader reader = new Reader(text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected data after the JSON value");
    }
    return value;
  }

  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("JSON nesting deeper than " + MAX_DEPTH);
      }
      if (pos >= s.length()) {
        throw error("unexpected end of input");
      }
      char c = s.charAt(pos);
      return switch (c) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected character '" + c + "'");
        }
      };
    }

    private Map<String, Object> object(int depth) {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a string key");
        }
        int keyAt = pos;
        String key = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        Object v = value(depth + 1);
        if (map.containsKey(key)) {
          pos = keyAt;
          throw error("duplicate key \"" + key + "\"");
        }
        map.put(key, v);
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array(int depth) {
      pos++;
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        skipWhitespace();
        list.add(value(depth + 1));
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']'");
        }
      }
    }

    private String string() {
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return requireWellFormed(out.toString());
        }
        if (c < 0x20) {
          pos--;
          throw error("unescaped control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("truncated unicode escape");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("invalid unicode escape");
            }
            pos += 4;
          }
          default -> {
            pos--;
            throw error("invalid escape '\\" + e + "'");
          }
        }
      }
    }

    private String requireWellFormed(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw error("string has an unpaired surrogate");
        }
      }
      return value;
    }

    private Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (isDigit(peek())) {
        digits();
      } else {
        throw error("invalid number");
      }
      boolean integral = true;
      if (peek() == '.') {
        integral = false;
        pos++;
        if (!isDigit(peek())) {
          throw error("invalid number: digits expected after '.'");
        }
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        integral = false;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!isDigit(peek())) {
          throw error("invalid number: digits expected in exponent");
        }
        digits();
      }
      String text = s.substring(start, pos);
      if (!integral) {
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
          pos = start;
          throw error("number out of range: " + text);
        }
        return d;
      }
      BigInteger big = new BigInteger(text);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void digits() {
      while (isDigit(peek())) {
        pos++;
      }
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw error("invalid literal");
      }
      pos += word.length();
      return value;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
    }
  }
}
