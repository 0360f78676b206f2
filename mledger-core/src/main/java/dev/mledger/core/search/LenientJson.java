package dev.mledger.core.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader with Python's {@code json.loads} semantics (NaN and ±Infinity accepted,
 * integers unbounded, last duplicate key wins), used to read page tokens. Values are {@link Map},
 * {@link List}, {@link String}, {@link BigInteger} (integers), {@link Double}, {@link Boolean} or
 * null. It also renders values as Python's {@code repr} for error messages.
 */
final class LenientJson {

  /** Thrown for malformed JSON; callers turn it into their own error. */
  static final class SyntaxError extends Exception {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  private static final int MAX_DEPTH = 200;

  private final String s;
  private int pos;

  private LenientJson(String s) {
    this.s = s;
  }

  static Object parse(String text) throws SyntaxError {
    LenientJson p = new LenientJson(text);
    p.skipWhitespace();
    Object value = p.value(0);
    p.skipWhitespace();
    if (p.pos != text.length()) {
      throw new SyntaxError("Extra data");
    }
    return value;
  }

  private Object value(int depth) throws SyntaxError {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError("nested too deeply");
    }
    if (pos >= s.length()) {
      throw new SyntaxError("Expecting value");
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      default -> literalOrNumber();
    };
  }

  private Map<String, Object> object(int depth) throws SyntaxError {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peekIs('}')) {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (!peekIs('"')) {
        throw new SyntaxError("Expecting property name enclosed in double quotes");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, value(depth + 1));
      skipWhitespace();
      if (peekIs(',')) {
        pos++;
        continue;
      }
      expect('}');
      return map;
    }
  }

  private List<Object> array(int depth) throws SyntaxError {
    List<Object> list = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (peekIs(']')) {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      if (peekIs(',')) {
        pos++;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private String string() throws SyntaxError {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw new SyntaxError("Invalid control character");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= s.length()) {
        break;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw new SyntaxError("Invalid \\uXXXX escape");
          }
          int v = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(pos + k), 16);
            if (d < 0) {
              throw new SyntaxError("Invalid \\uXXXX escape");
            }
            v = v * 16 + d;
          }
          pos += 4;
          out.append((char) v);
        }
        default -> throw new SyntaxError("Invalid \\escape");
      }
    }
    throw new SyntaxError("Unterminated string");
  }

  private Object literalOrNumber() throws SyntaxError {
    for (String word : List.of("null", "true", "false", "NaN", "Infinity", "-Infinity")) {
      if (s.startsWith(word, pos)) {
        pos += word.length();
        return switch (word) {
          case "null" -> null;
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          case "NaN" -> Double.NaN;
          case "Infinity" -> Double.POSITIVE_INFINITY;
          default -> Double.NEGATIVE_INFINITY;
        };
      }
    }
    int start = pos;
    if (peekIs('-')) {
      pos++;
    }
    if (peekIs('0')) {
      pos++;
    } else if (pos < s.length() && s.charAt(pos) >= '1' && s.charAt(pos) <= '9') {
      digits();
    } else {
      throw new SyntaxError("Expecting value");
    }
    boolean integral = true;
    if (peekIs('.') && pos + 1 < s.length() && isAsciiDigit(s.charAt(pos + 1))) {
      pos++;
      digits();
      integral = false;
    }
    if (peekIs('e') || peekIs('E')) {
      int save = pos;
      pos++;
      if (peekIs('+') || peekIs('-')) {
        pos++;
      }
      if (pos < s.length() && isAsciiDigit(s.charAt(pos))) {
        digits();
        integral = false;
      } else {
        pos = save;
      }
    }
    String number = s.substring(start, pos);
    return integral ? new BigInteger(number) : Double.parseDouble(number);
  }

  private void digits() {
    while (pos < s.length() && isAsciiDigit(s.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private boolean peekIs(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) throws SyntaxError {
    if (!peekIs(c)) {
      throw new SyntaxError("Expecting '" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
  }

  /** Python's {@code repr} of a parsed value, e.g. {@code {'offset': 'a'}}. */
  static String pyRepr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof String str) {
      return MlflowText.pyStr(str);
    }
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return "nan";
      }
      if (d.isInfinite()) {
        return d > 0 ? "inf" : "-inf";
      }
      return d.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(pyRepr(e.getKey())).append(": ").append(pyRepr(e.getValue()));
      }
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : list) {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(pyRepr(item));
      }
      return out.append(']').toString();
    }
    return String.valueOf(value);
  }
}
