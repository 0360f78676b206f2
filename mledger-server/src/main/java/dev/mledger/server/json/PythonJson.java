package dev.mledger.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Serialises a Jackson tree byte-for-byte as Python's {@code json.dumps} does with its defaults
 * ({@code ensure_ascii=True}): MLflow's responses are {@code json.dumps(..., indent=2)} and its
 * error bodies plain {@code json.dumps(...)}. Object keys keep insertion order.
 */
public final class PythonJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {}

  /** {@code json.dumps(value, indent=2)}. */
  public static String indented(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, out, true, 0);
    return out.toString();
  }

  /** {@code json.dumps(value)}: one line, {@code ", "} and {@code ": "} separators. */
  public static String compact(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, out, false, 0);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out, boolean indent, int depth) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      writeObject(node, out, indent, depth);
    } else if (node.isArray()) {
      writeArray(node, out, indent, depth);
    } else if (node.isTextual()) {
      writeString(node.textValue(), out);
    } else if (node.isBoolean()) {
      out.append(node.booleanValue() ? "true" : "false");
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      writeFloat(node.doubleValue(), out);
    } else {
      throw new IllegalArgumentException("unsupported JSON node: " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out, boolean indent, int depth) {
    if (node.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    boolean first = true;
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      separate(out, indent, depth + 1, first);
      first = false;
      writeString(field.getKey(), out);
      out.append(": ");
      write(field.getValue(), out, indent, depth + 1);
    }
    close(out, indent, depth);
    out.append('}');
  }

  private static void writeArray(JsonNode node, StringBuilder out, boolean indent, int depth) {
    if (node.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    for (JsonNode element : node) {
      separate(out, indent, depth + 1, first);
      first = false;
      write(element, out, indent, depth + 1);
    }
    close(out, indent, depth);
    out.append(']');
  }

  private static void separate(StringBuilder out, boolean indent, int depth, boolean first) {
    if (indent) {
      out.append(first ? "\n" : ",\n").append("  ".repeat(depth));
    } else if (!first) {
      out.append(", ");
    }
  }

  private static void close(StringBuilder out, boolean indent, int depth) {
    if (indent) {
      out.append('\n').append("  ".repeat(depth));
    }
  }

  private static void writeFloat(double value, StringBuilder out) {
    // json.dumps writes these non-standard literals for float('nan') and friends.
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (Double.isInfinite(value)) {
      out.append(value > 0 ? "Infinity" : "-Infinity");
    } else {
      out.append(PythonFloat.repr(value));
    }
  }

  /** A JSON string literal with Python's ASCII-only escaping. */
  public static void writeString(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
