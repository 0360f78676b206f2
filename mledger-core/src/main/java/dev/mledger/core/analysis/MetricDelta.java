package dev.mledger.core.analysis;

/**
 * One metric of a run comparison: the latest values on run a and run b and {@code Δ = m(a) − m(b)}.
 * A side is null when that run never logged the metric; the delta is then null too.
 *
 * @param key the metric key
 * @param a the latest value on run a, or null
 * @param b the latest value on run b, or null
 */
public record MetricDelta(String key, Double a, Double b) {

  /** {@code a − b}, or null when either side is missing; NaN propagates as IEEE arithmetic does. */
  public Double delta() {
    return a == null || b == null ? null : a - b;
  }

  /**
   * {@code (a − b) / |b|}, the change relative to b; null when either side is missing or {@code b =
   * 0} (no meaningful relative change).
   */
  public Double relativeDelta() {
    if (a == null || b == null || b == 0.0) {
      return null;
    }
    return (a - b) / Math.abs(b);
  }

  /** Whether both runs logged the metric. */
  public boolean onBoth() {
    return a != null && b != null;
  }
}
