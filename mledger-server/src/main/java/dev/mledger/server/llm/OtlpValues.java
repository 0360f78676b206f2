package dev.mledger.server.llm;

/** Conversions shared by the OTLP decoders. */
final class OtlpValues {
  private OtlpValues() {}

  /**
   * Doubles are kept as numbers when finite; NaN and the infinities (legal in OTLP, not in JSON)
   * are kept as their protobuf-JSON text so that no attribute is lost.
   */
  static Object finiteOrText(double value) {
    if (Double.isFinite(value)) {
      return value;
    }
    return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
}
