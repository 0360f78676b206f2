package dev.mledger.core.llm;

/** OpenTelemetry span kinds, numbered as in OTLP's {@code Span.SpanKind}. */
public enum SpanKind {
  UNSPECIFIED,
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER;

  /** The kind with OTLP number {@code code}; unknown numbers are {@link #UNSPECIFIED}. */
  public static SpanKind ofOtlp(int code) {
    return code >= 0 && code < values().length ? values()[code] : UNSPECIFIED;
  }

  /** The kind named {@code SPAN_KIND_CLIENT} or {@code CLIENT}. */
  public static SpanKind parse(String name) {
    String bare = name.startsWith("SPAN_KIND_") ? name.substring("SPAN_KIND_".length()) : name;
    return valueOf(bare);
  }
}
