package dev.mledger.client.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.llm.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Encodes spans as an OTLP/JSON {@code ExportTraceServiceRequest}, one resource per resource. */
final class OtlpJsonEncoder {
  private OtlpJsonEncoder() {}

  static ObjectNode request(List<Span> spans) {
    Map<Map<String, Object>, List<Span>> byResource = new LinkedHashMap<>();
    for (Span span : spans) {
      byResource.computeIfAbsent(span.resource(), r -> new ArrayList<>()).add(span);
    }
    ObjectNode root = NativeHttp.JSON.createObjectNode();
    ArrayNode resourceSpans = root.putArray("resourceSpans");
    byResource.forEach(
        (resource, group) -> {
          ObjectNode rs = resourceSpans.addObject();
          rs.putObject("resource").set("attributes", attributes(resource));
          ObjectNode scope = rs.putArray("scopeSpans").addObject();
          scope.putObject("scope").put("name", "dev.mledger.client");
          ArrayNode out = scope.putArray("spans");
          group.forEach(s -> out.add(span(s)));
        });
    return root;
  }

  private static ObjectNode span(Span s) {
    ObjectNode o = NativeHttp.JSON.createObjectNode();
    o.put("traceId", s.traceId());
    o.put("spanId", s.spanId());
    if (s.parentSpanId() != null) {
      o.put("parentSpanId", s.parentSpanId());
    }
    o.put("name", s.name());
    o.put("kind", s.kind().ordinal());
    o.put("startTimeUnixNano", Long.toUnsignedString(s.startTimeNanos()));
    o.put("endTimeUnixNano", Long.toUnsignedString(s.endTimeNanos()));
    o.set("attributes", attributes(s.attributes()));
    ObjectNode status = o.putObject("status");
    status.put("code", s.status().ordinal());
    if (!s.statusMessage().isEmpty()) {
      status.put("message", s.statusMessage());
    }
    return o;
  }

  private static ArrayNode attributes(Map<String, Object> attributes) {
    ArrayNode list = NativeHttp.JSON.createArrayNode();
    attributes.forEach(
        (key, value) -> {
          ObjectNode kv = list.addObject();
          kv.put("key", key);
          kv.set("value", anyValue(value));
        });
    return list;
  }

  @SuppressWarnings("unchecked")
  private static ObjectNode anyValue(Object value) {
    ObjectNode v = NativeHttp.JSON.createObjectNode();
    if (value instanceof Boolean b) {
      v.put("boolValue", b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      v.put("intValue", Long.toString(((Number) value).longValue()));
    } else if (value instanceof Number n) {
      v.put("doubleValue", n.doubleValue());
    } else if (value instanceof List<?> items) {
      ArrayNode values = v.putObject("arrayValue").putArray("values");
      items.forEach(item -> values.add(anyValue(item)));
    } else if (value instanceof Map<?, ?> map) {
      v.putObject("kvlistValue").set("values", attributes((Map<String, Object>) map));
    } else if (value != null) {
      v.put("stringValue", String.valueOf(value));
    }
    return v;
  }
}
