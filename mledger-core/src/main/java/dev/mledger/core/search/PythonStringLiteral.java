package dev.mledger.core.search;

/**
 * Decodes a single-quoted string token the way Python's {@code ast.literal_eval} does, which is how
 * MLflow reads the elements of an {@code IN (...)} list: backslash escapes are interpreted and
 * {@code 'a''b'} is two adjacent literals, i.e. {@code ab}.
 */
final class PythonStringLiteral {

  private PythonStringLiteral() {}

  /** The decoded value, or null where Python would raise a SyntaxError. */
  static String decode(String token) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = token.length();
    if (n == 0) {
      return null;
    }
    while (i < n) {
      if (token.charAt(i) != '\'') {
        return null;
      }
      i++;
      boolean closed = false;
      while (i < n) {
        char c = token.charAt(i);
        if (c == '\'') {
          i++;
          closed = true;
          break;
        }
        if (c == '\n' || c == '\r') {
          return null;
        }
        if (c != '\\') {
          out.append(c);
          i++;
          continue;
        }
        if (i + 1 >= n) {
          return null;
        }
        i = escape(token, i + 1, out);
        if (i < 0) {
          return null;
        }
      }
      if (!closed) {
        return null;
      }
    }
    return out.toString();
  }

  /** Appends the escape starting after the backslash at {@code i}; returns the next index. */
  private static int escape(String s, int i, StringBuilder out) {
    char c = s.charAt(i);
    switch (c) {
      case '\n' -> {
        return i + 1;
      }
      case '\\', '\'', '"' -> out.append(c);
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case 'x' -> {
        return hex(s, i + 1, 2, out);
      }
      case 'u' -> {
        return hex(s, i + 1, 4, out);
      }
      case 'U' -> {
        return hex(s, i + 1, 8, out);
      }
      case 'N' -> {
        return -1; // named escapes need Python's Unicode name table; treated as malformed
      }
      default -> {
        if (c >= '0' && c <= '7') {
          int end = i;
          int value = 0;
          while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
            value = value * 8 + (s.charAt(end) - '0');
            end++;
          }
          out.append((char) value);
          return end;
        }
        out.append('\\').append(c);
      }
    }
    return i + 1;
  }

  private static int hex(String s, int start, int digits, StringBuilder out) {
    if (start + digits > s.length()) {
      return -1;
    }
    int value = 0;
    for (int k = start; k < start + digits; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0 || s.charAt(k) > 'f') {
        return -1;
      }
      value = value * 16 + d;
    }
    if (!Character.isValidCodePoint(value)) {
      return -1;
    }
    out.appendCodePoint(value);
    return start + digits;
  }
}
