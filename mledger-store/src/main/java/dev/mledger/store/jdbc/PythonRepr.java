package dev.mledger.store.jdbc;

import java.util.List;
import java.util.Map;

/**
 * Renders values the way Python's {@code repr} does, for error messages that MLflow builds with
 * f-strings over lists and dicts and that clients may match on.
 */
final class PythonRepr {
  private PythonRepr() {}

  static String of(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String s) {
      return string(s);
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(of(list.get(i)));
      }
      return sb.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        sb.append(of(e.getKey())).append(": ").append(of(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    }
    return String.valueOf(value);
  }

  static String string(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }
}
