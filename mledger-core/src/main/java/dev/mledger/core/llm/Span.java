package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One span of a trace, as received over OTLP. Ids are lower-case hex (32 digits for the trace, 16
 * for spans). Attribute values are {@link String}, {@link Boolean}, {@link Long}, finite {@link
 * Double}, {@link java.util.List} of those, or {@link Map} (OTLP's key/value lists), which is
 * exactly what {@link dev.mledger.core.envelope.CanonicalJson} stores.
 *
 * @param parentSpanId {@code null} for a root span
 * @param startTimeNanos epoch nanoseconds
 * @param endTimeNanos epoch nanoseconds, not before the start
 * @param statusMessage the error description, empty when none
 * @param resource the attributes of the resource that emitted the span ({@code service.name}, ...)
 * @param events the span's events (exceptions, GenAI prompt/completion events), each a map with
 *     {@code name}, {@code time_unix_nano} and {@code attributes}, in the order received
 */
public record Span(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    SpanKind kind,
    long startTimeNanos,
    long endTimeNanos,
    SpanStatus status,
    String statusMessage,
    Map<String, Object> attributes,
    Map<String, Object> resource,
    List<Map<String, Object>> events) {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE for malformed or all-zero ids, a span that is
   *     its own parent, or an end before the start
   */
  public Span {
    requireId("trace id", traceId, TRACE_ID, ZERO_TRACE);
    requireId("span id", spanId, SPAN_ID, ZERO_SPAN);
    if (parentSpanId != null && (parentSpanId.isEmpty() || parentSpanId.equals(ZERO_SPAN))) {
      parentSpanId = null;
    }
    if (parentSpanId != null) {
      requireId("parent span id", parentSpanId, SPAN_ID, ZERO_SPAN);
      if (parentSpanId.equals(spanId)) {
        throw MledgerException.invalidParameter("Span " + spanId + " names itself as its parent.");
      }
    }
    name = name == null ? "" : name;
    kind = kind == null ? SpanKind.UNSPECIFIED : kind;
    status = status == null ? SpanStatus.UNSET : status;
    statusMessage = statusMessage == null ? "" : statusMessage;
    if (endTimeNanos < startTimeNanos) {
      throw MledgerException.invalidParameter(
          "Span "
              + spanId
              + " ends ("
              + endTimeNanos
              + ") before it starts ("
              + startTimeNanos
              + ").");
    }
    attributes = frozen(attributes);
    resource = frozen(resource);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** A span without events. */
  public Span(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      SpanKind kind,
      long startTimeNanos,
      long endTimeNanos,
      SpanStatus status,
      String statusMessage,
      Map<String, Object> attributes,
      Map<String, Object> resource) {
    this(
        traceId,
        spanId,
        parentSpanId,
        name,
        kind,
        startTimeNanos,
        endTimeNanos,
        status,
        statusMessage,
        attributes,
        resource,
        List.of());
  }

  /** {@code end − start} in milliseconds. */
  public double durationMillis() {
    return (endTimeNanos - startTimeNanos) / 1e6;
  }

  /** Whether the span has no parent. */
  public boolean isRoot() {
    return parentSpanId == null;
  }

  /** The attribute as text, or {@code null} when absent. */
  public String attributeText(String key) {
    Object value = attributes.get(key);
    return value == null ? null : String.valueOf(value);
  }

  private static Map<String, Object> frozen(Map<String, Object> map) {
    return map == null || map.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static void requireId(String what, String id, Pattern syntax, String zero) {
    Objects.requireNonNull(id, what);
    if (!syntax.matcher(id).matches() || id.equals(zero)) {
      throw MledgerException.invalidParameter(
          "Invalid "
              + what
              + " '"
              + id
              + "': expected "
              + zero.length()
              + " lower-case hex digits, not all zero.");
    }
  }
}
