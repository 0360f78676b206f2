package dev.mledger.server.mlflow.proto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.json.PythonFloat;
import java.util.Iterator;
import java.util.Map;

/**
 * How MLflow's Python handlers print a decoded JSON value in error messages: {@code str(value)} and
 * {@code type(value).__name__}.
 */
public final class PythonRepr {
  private PythonRepr() {}

  /** Python's {@code str()} of the value {@code json.loads} would produce. */
  public static String str(JsonNode value) {
    return value.isTextual() ? value.textValue() : repr(value);
  }

  /** Python's {@code type(value).__name__}. */
  public static String typeName(JsonNode value) {
    if (value == null || value.isNull()) {
      return "NoneType";
    }
    return switch (value.getNodeType()) {
      case STRING -> "str";
      case BOOLEAN -> "bool";
      case NUMBER -> value.isIntegralNumber() ? "int" : "float";
      case ARRAY -> "list";
      case OBJECT -> "dict";
      default -> "NoneType";
    };
  }

  static String repr(JsonNode value) {
    if (value == null || value.isNull()) {
      return "None";
    }
    switch (value.getNodeType()) {
      case STRING:
        return quote(value.textValue());
      case BOOLEAN:
        return value.booleanValue() ? "True" : "False";
      case NUMBER:
        return value.isIntegralNumber() ? value.bigIntegerValue().toString() : floatRepr(value);
      case ARRAY:
        {
          StringBuilder out = new StringBuilder("[");
          for (int i = 0; i < value.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(repr(value.get(i)));
          }
          return out.append(']').toString();
        }
      case OBJECT:
        {
          StringBuilder out = new StringBuilder("{");
          Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
          boolean first = true;
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append(first ? "" : ", ")
                .append(quote(field.getKey()))
                .append(": ")
                .append(repr(field.getValue()));
            first = false;
          }
          return out.append('}').toString();
        }
      default:
        return "None";
    }
  }

  private static String floatRepr(JsonNode value) {
    double d = value.doubleValue();
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return PythonFloat.repr(d);
  }

  /** Python's string repr: single quotes unless the text holds a single quote and no double one. */
  private static String quote(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(quote).toString();
  }
}
