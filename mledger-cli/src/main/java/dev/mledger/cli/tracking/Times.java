package dev.mledger.cli.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times and durations as tables show them. */
public final class Times {
  private Times() {}

  /** An epoch-millisecond time as UTC ISO-8601 to the second, e.g. 2024-05-01T12:03:04Z. */
  public static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * A duration such as {@code 850ms}, {@code 42s}, {@code 3m07s} or {@code 2h05m}; null if open.
   */
  public static String duration(long startMillis, Long endMillis) {
    if (endMillis == null || endMillis < startMillis) {
      return null;
    }
    Duration d = Duration.ofMillis(endMillis - startMillis);
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    if (d.toSeconds() < 60) {
      return d.toSeconds() + "s";
    }
    if (d.toMinutes() < 60) {
      return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
    return String.format("%dh%02dm", d.toHours(), d.toMinutesPart());
  }
}
