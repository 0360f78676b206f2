package dev.mledger.server.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes OTLP {@code ExportTraceServiceRequest}s in the OTLP/JSON encoding: the protobuf JSON
 * mapping with OTLP's exceptions (trace and span ids as hex, not base64; enums as integers). As a
 * protobuf JSON parser must, it also accepts the original snake_case field names, 64-bit integers
 * as strings or numbers, and enum names.
 */
final class OtlpJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Arrays and key/value lists nest at most this deep (protobuf's own recursion limit allows about
   * as much), well inside what the stored canonical JSON accepts.
   */
  static final int MAX_VALUE_DEPTH = 32;

  private OtlpJson() {}

  /**
   * @throws MledgerException MALFORMED_REQUEST when the body is not an export request
   */
  static OtlpBatch decode(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw malformed("the body is not JSON: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      throw malformed("the body must be a JSON object with resourceSpans.");
    }
    OtlpBatchBuilder batch = new OtlpBatchBuilder();
    for (JsonNode resourceSpans : array(root, "resourceSpans", "resource_spans")) {
      JsonNode resourceNode = field(resourceSpans, "resource", "resource");
      Map<String, Object> resource =
          resourceNode == null
              ? Map.of()
              : attributes(field(resourceNode, "attributes", "attributes"));
      List<JsonNode> scopes = new ArrayList<>();
      array(resourceSpans, "scopeSpans", "scope_spans").forEach(scopes::add);
      // OTLP before 0.19 called them instrumentation library spans.
      array(resourceSpans, "instrumentationLibrarySpans", "instrumentation_library_spans")
          .forEach(scopes::add);
      for (JsonNode scope : scopes) {
        for (JsonNode span : array(scope, "spans", "spans")) {
          batch.add(() -> span(span, resource));
        }
      }
    }
    return batch.build();
  }

  private static Span span(JsonNode s, Map<String, Object> resource) {
    if (!s.isObject()) {
      throw MledgerException.invalidParameter("A span must be a JSON object.");
    }
    JsonNode status = field(s, "status", "status");
    List<Map<String, Object>> events = new ArrayList<>();
    for (JsonNode event : array(s, "events", "events")) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", text(field(event, "name", "name")));
      e.put("time_unix_nano", uint64(field(event, "timeUnixNano", "time_unix_nano"), "event time"));
      e.put("attributes", attributes(field(event, "attributes", "attributes")));
      events.add(e);
    }
    String parent = text(field(s, "parentSpanId", "parent_span_id"));
    return new Span(
        id(field(s, "traceId", "trace_id"), "trace id"),
        id(field(s, "spanId", "span_id"), "span id"),
        parent.isEmpty() ? null : parent.toLowerCase(Locale.ROOT),
        text(field(s, "name", "name")),
        kind(field(s, "kind", "kind")),
        uint64(field(s, "startTimeUnixNano", "start_time_unix_nano"), "start time"),
        uint64(field(s, "endTimeUnixNano", "end_time_unix_nano"), "end time"),
        status == null ? SpanStatus.UNSET : statusCode(field(status, "code", "code")),
        status == null ? "" : text(field(status, "message", "message")),
        attributes(field(s, "attributes", "attributes")),
        resource,
        events);
  }

  private static String id(JsonNode node, String what) {
    String id = text(node);
    if (id.isEmpty()) {
      throw MledgerException.invalidParameter("A span has no " + what + ".");
    }
    return id.toLowerCase(Locale.ROOT);
  }

  private static SpanKind kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return SpanKind.UNSPECIFIED;
    }
    if (node.isIntegralNumber()) {
      return SpanKind.ofOtlp(node.intValue());
    }
    try {
      return SpanKind.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw MledgerException.invalidParameter("Unknown span kind " + node + ".");
    }
  }

  private static SpanStatus statusCode(JsonNode node) {
    if (node == null || node.isNull()) {
      return SpanStatus.UNSET;
    }
    if (node.isIntegralNumber()) {
      return SpanStatus.ofOtlp(node.intValue());
    }
    try {
      return SpanStatus.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw MledgerException.invalidParameter("Unknown span status code " + node + ".");
    }
  }

  private static long uint64(JsonNode node, String what) {
    if (node == null || node.isNull()) {
      return 0;
    }
    try {
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        return node.longValue();
      }
      if (node.isTextual()) {
        return Long.parseUnsignedLong(node.asText());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw MledgerException.invalidParameter("Invalid " + what + " " + node + ".");
  }

  static Map<String, Object> attributes(JsonNode list) {
    return attributes(list, 0);
  }

  private static Map<String, Object> attributes(JsonNode list, int depth) {
    if (depth > MAX_VALUE_DEPTH) {
      throw MledgerException.invalidParameter(
          "Attribute values nest deeper than " + MAX_VALUE_DEPTH + " levels.");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    if (list == null || list.isNull()) {
      return map;
    }
    if (!list.isArray()) {
      throw MledgerException.invalidParameter("attributes must be an array of {key, value}.");
    }
    for (JsonNode kv : list) {
      String key = text(field(kv, "key", "key"));
      Object value = value(field(kv, "value", "value"), depth);
      if (value != null) {
        map.put(key, value);
      }
    }
    return map;
  }

  private static Object value(JsonNode v, int depth) {
    if (depth > MAX_VALUE_DEPTH) {
      throw MledgerException.invalidParameter(
          "Attribute values nest deeper than " + MAX_VALUE_DEPTH + " levels.");
    }
    if (v == null || v.isNull() || !v.isObject()) {
      return null;
    }
    JsonNode n;
    if ((n = field(v, "stringValue", "string_value")) != null) {
      return n.asText();
    }
    if ((n = field(v, "boolValue", "bool_value")) != null) {
      return n.asBoolean();
    }
    if ((n = field(v, "intValue", "int_value")) != null) {
      try {
        return n.isIntegralNumber() && n.canConvertToLong()
            ? n.longValue()
            : Long.parseLong(n.asText());
      } catch (NumberFormatException e) {
        throw MledgerException.invalidParameter("Invalid intValue " + n + ".");
      }
    }
    if ((n = field(v, "doubleValue", "double_value")) != null) {
      if (n.isNumber()) {
        return OtlpValues.finiteOrText(n.doubleValue());
      }
      try {
        return OtlpValues.finiteOrText(Double.parseDouble(n.asText()));
      } catch (NumberFormatException e) {
        throw MledgerException.invalidParameter("Invalid doubleValue " + n + ".");
      }
    }
    if ((n = field(v, "bytesValue", "bytes_value")) != null) {
      return n.asText();
    }
    if ((n = field(v, "arrayValue", "array_value")) != null) {
      List<Object> list = new ArrayList<>();
      for (JsonNode item : array(n, "values", "values")) {
        list.add(value(item, depth + 1));
      }
      return list;
    }
    if ((n = field(v, "kvlistValue", "kvlist_value")) != null) {
      return attributes(field(n, "values", "values"), depth + 1);
    }
    return null;
  }

  private static JsonNode field(JsonNode node, String camel, String snake) {
    JsonNode value = node.get(camel);
    return value != null ? value : node.get(snake);
  }

  private static Iterable<JsonNode> array(JsonNode node, String camel, String snake) {
    JsonNode value = field(node, camel, snake);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw malformed("'" + camel + "' must be an array.");
    }
    return value;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asText();
  }

  private static MledgerException malformed(String why) {
    return new MledgerException(
        ErrorCode.MALFORMED_REQUEST, "Malformed OTLP/JSON ExportTraceServiceRequest: " + why);
  }

  private static String firstLine(JsonProcessingException e) {
    return e.getOriginalMessage();
  }

  private static String firstLine(IOException e) {
    return e instanceof JsonProcessingException j ? firstLine(j) : e.getMessage();
  }
}
