package dev.mledger.server.mlflow.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decodes a request into a {@link ProtoMessage} the way MLflow's {@code parse_dict} does
 * (protobuf's {@code ParseDict} with {@code ignore_unknown_fields=True}): unknown fields are
 * ignored, {@code null} means unset, integers may arrive as numbers or numeric strings, doubles as
 * numbers or {@code "NaN"}/{@code "Infinity"} strings, enums by name or number. Values of the wrong
 * type are collected as {@link Problem}s instead of failing fast, so that the caller can report
 * them with MLflow's messages and in MLflow's order.
 *
 * <p>A field may be named by its proto name ({@code run_id}) or its JSON name ({@code runId}). When
 * a request names the same field both ways, keys are applied in the order they appear, as {@code
 * ParseDict} applies them: a later scalar or repeated value replaces an earlier one, a later {@code
 * null} clears it, and a later message value is merged into the earlier one field by field. Only
 * the proto names {@code experiment_id}/{@code experiment_ids} get MLflow's old-client leniency of
 * numeric ids ({@code _stringify_all_experiment_ids} matches those keys literally).
 */
public final class RequestDecoder {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern BRACKET_SUFFIX = Pattern.compile("\\[\\d*]$");
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** A value that does not fit its field; {@code path} is e.g. {@code metrics[0].value}. */
  public record Problem(String path, JsonNode value) {}

  /** The decoded message, the raw request it came from, and any type problems found. */
  public record Decoded(ProtoMessage message, ObjectNode raw, List<Problem> problems) {}

  private RequestDecoder() {}

  /**
   * Decodes a JSON object. With {@code fromQueryString} the values are the strings of a query
   * string, so booleans are accepted as {@code "true"}/{@code "false"} too.
   */
  public static Decoded decode(ObjectNode raw, MessageSpec spec, boolean fromQueryString) {
    List<Problem> problems = new ArrayList<>();
    ProtoMessage message = decodeMessage(raw, spec, null, "", fromQueryString, problems);
    return new Decoded(message, raw, List.copyOf(problems));
  }

  /**
   * Turns query parameters into the JSON object MLflow builds from them: repeated fields become
   * arrays (also when written {@code name[]=} or {@code name[0]=}), other fields take the first
   * value, undeclared parameters are dropped.
   */
  public static ObjectNode fromQueryParameters(Map<String, List<String>> params, MessageSpec spec) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      String name = BRACKET_SUFFIX.matcher(param.getKey()).replaceFirst("");
      if (spec.fieldForJsonKey(name) != null) {
        byKey.computeIfAbsent(name, k -> new ArrayList<>()).addAll(param.getValue());
      }
    }
    // Keys become proto names here: MLflow checks no schema on query-string requests, so only the
    // parsed values matter, and a key written later replaces the same field written earlier.
    ObjectNode raw = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, List<String>> entry : byKey.entrySet()) {
      FieldSpec field = spec.fieldForJsonKey(entry.getKey());
      if (field.repeated()) {
        ArrayNode values = raw.putArray(field.name());
        entry.getValue().forEach(values::add);
      } else if (!entry.getValue().isEmpty()) {
        raw.put(field.name(), entry.getValue().get(0));
      }
    }
    return raw;
  }

  private static ProtoMessage decodeMessage(
      JsonNode raw,
      MessageSpec spec,
      ProtoMessage mergeInto,
      String prefix,
      boolean query,
      List<Problem> problems) {
    Map<String, Object> values =
        mergeInto == null ? new LinkedHashMap<>() : new LinkedHashMap<>(mergeInto.values());
    Iterator<Map.Entry<String, JsonNode>> entries = raw.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      FieldSpec field = spec.fieldForJsonKey(entry.getKey());
      JsonNode value = entry.getValue();
      if (field == null || value == null) {
        continue;
      }
      if (value.isNull()) {
        values.remove(field.name()); // ParseDict's ClearField
        continue;
      }
      // Old clients' numeric experiment ids are accepted under the proto names only.
      boolean stringifies = entry.getKey().equals(field.name()) && isExperimentId(field);
      String path = prefix + field.name();
      if (field.repeated()) {
        values.remove(field.name());
        if (!value.isArray()) {
          problems.add(new Problem(path, value));
          continue;
        }
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          Object element =
              convert(
                  field, value.get(i), null, stringifies, path + "[" + i + "]", query, problems);
          if (element != null) {
            elements.add(element);
          }
        }
        values.put(field.name(), List.copyOf(elements));
      } else {
        Object earlier = values.get(field.name());
        Object converted =
            convert(
                field,
                value,
                earlier instanceof ProtoMessage message ? message : null,
                stringifies,
                path,
                query,
                problems);
        if (converted != null) {
          values.put(field.name(), converted);
        }
      }
    }
    return new ProtoMessage(spec, values);
  }

  private static Object convert(
      FieldSpec field,
      JsonNode value,
      ProtoMessage mergeInto,
      boolean stringifies,
      String path,
      boolean query,
      List<Problem> problems) {
    Object converted =
        switch (field.type()) {
          case STRING -> toStringValue(value, stringifies);
          case INT32 -> toInteger(value, INT32_MIN, INT32_MAX);
          case INT64 -> toInteger(value, INT64_MIN, INT64_MAX);
          case DOUBLE -> toDouble(value);
          case BOOL -> toBoolean(value, query);
          case ENUM -> toEnumName(field, value);
          case MESSAGE ->
              value.isObject()
                  ? decodeMessage(
                      value, field.messageType(), mergeInto, path + ".", query, problems)
                  : null;
        };
    if (converted == null) {
      problems.add(new Problem(path, value));
    }
    return converted;
  }

  private static boolean isExperimentId(FieldSpec field) {
    return field.name().equals("experiment_id") || field.name().equals("experiment_ids");
  }

  private static String toStringValue(JsonNode value, boolean stringifies) {
    if (value.isTextual()) {
      return value.textValue();
    }
    // MLflow stringifies experiment ids before parsing (ids were integers before MLflow 0.9.1).
    if (stringifies && value.isValueNode()) {
      return PythonRepr.str(value);
    }
    return null;
  }

  private static Long toInteger(JsonNode value, BigInteger min, BigInteger max) {
    BigInteger integer;
    if (value.isIntegralNumber()) {
      integer = value.bigIntegerValue();
    } else if (value.isNumber()) {
      BigDecimal decimal = value.decimalValue();
      if (Double.isNaN(value.doubleValue()) || Double.isInfinite(value.doubleValue())) {
        return null;
      }
      if (decimal.stripTrailingZeros().scale() > 0) {
        return null;
      }
      integer = decimal.toBigIntegerExact();
    } else if (value.isTextual() && INTEGER.matcher(value.textValue()).matches()) {
      integer = new BigInteger(value.textValue());
    } else {
      return null;
    }
    if (integer.compareTo(min) < 0 || integer.compareTo(max) > 0) {
      return null;
    }
    return integer.longValue();
  }

  private static Double toDouble(JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (!value.isTextual()) {
      return null;
    }
    return parsePythonFloat(value.textValue().strip());
  }

  /** Python's {@code float(str)}: decimal literals plus nan/inf/infinity in any case. */
  static Double parsePythonFloat(String text) {
    String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    boolean negative = text.startsWith("-");
    switch (unsigned.toLowerCase(java.util.Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "inf", "infinity":
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      default:
        break;
    }
    if (!unsigned.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return null;
    }
    return Double.parseDouble(text);
  }

  private static Boolean toBoolean(JsonNode value, boolean query) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (query && value.isTextual()) {
      String text = value.textValue().toLowerCase(java.util.Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return text.equals("true");
      }
    }
    return null;
  }

  private static String toEnumName(FieldSpec field, JsonNode value) {
    if (value.isTextual()) {
      String text = value.textValue();
      if (field.enumNames().contains(text)) {
        return text;
      }
      if (INTEGER.matcher(text).matches()) {
        return enumByNumber(field, new BigInteger(text));
      }
      return null;
    }
    if (value.isIntegralNumber()) {
      return enumByNumber(field, value.bigIntegerValue());
    }
    return null;
  }

  private static String enumByNumber(FieldSpec field, BigInteger number) {
    if (number.signum() <= 0
        || number.compareTo(BigInteger.valueOf(field.enumNames().size())) > 0) {
      return null;
    }
    return field.enumNames().get(number.intValue() - 1);
  }
}
