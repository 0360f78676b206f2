package dev.mledger.server.llm;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes OTLP {@code ExportTraceServiceRequest}s in the binary protobuf encoding. */
final class OtlpProtobuf {
  private static final HexFormat HEX = HexFormat.of();

  private OtlpProtobuf() {}

  /**
   * @throws MledgerException MALFORMED_REQUEST when the bytes are not an export request
   */
  static OtlpBatch decode(byte[] body) {
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST,
          "Malformed OTLP protobuf ExportTraceServiceRequest: " + e.getMessage());
    }
    OtlpBatchBuilder batch = new OtlpBatchBuilder();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
          batch.add(() -> span(span, resource));
        }
      }
    }
    return batch.build();
  }

  private static Span span(io.opentelemetry.proto.trace.v1.Span s, Map<String, Object> resource) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (io.opentelemetry.proto.trace.v1.Span.Event event : s.getEventsList()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", event.getName());
      e.put("time_unix_nano", event.getTimeUnixNano());
      e.put("attributes", attributes(event.getAttributesList()));
      events.add(e);
    }
    return new Span(
        hex(s.getTraceId()),
        hex(s.getSpanId()),
        s.getParentSpanId().isEmpty() ? null : hex(s.getParentSpanId()),
        s.getName(),
        SpanKind.ofOtlp(s.getKindValue()),
        s.getStartTimeUnixNano(),
        s.getEndTimeUnixNano(),
        SpanStatus.ofOtlp(s.getStatus().getCodeValue()),
        s.getStatus().getMessage(),
        attributes(s.getAttributesList()),
        resource,
        events);
  }

  private static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      Object value = value(kv.getValue());
      if (value != null) {
        map.put(kv.getKey(), value);
      }
    }
    return map;
  }

  private static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case BOOL_VALUE:
        return v.getBoolValue();
      case INT_VALUE:
        return v.getIntValue();
      case DOUBLE_VALUE:
        return OtlpValues.finiteOrText(v.getDoubleValue());
      case BYTES_VALUE:
        return Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue item : v.getArrayValue().getValuesList()) {
          Object value = value(item);
          list.add(value);
        }
        return list;
      case KVLIST_VALUE:
        return attributes(v.getKvlistValue().getValuesList());
      default:
        return null;
    }
  }
}
