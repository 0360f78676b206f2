package dev.mledger.core.llm;

/** OpenTelemetry status codes, numbered as in OTLP's {@code Status.StatusCode}. */
public enum SpanStatus {
  UNSET,
  OK,
  ERROR;

  /** The status with OTLP number {@code code}; unknown numbers are {@link #UNSET}. */
  public static SpanStatus ofOtlp(int code) {
    return code >= 0 && code < values().length ? values()[code] : UNSET;
  }

  /** The status named {@code STATUS_CODE_ERROR} or {@code ERROR}. */
  public static SpanStatus parse(String name) {
    String bare = name.startsWith("STATUS_CODE_") ? name.substring("STATUS_CODE_".length()) : name;
    return valueOf(bare);
  }
}
