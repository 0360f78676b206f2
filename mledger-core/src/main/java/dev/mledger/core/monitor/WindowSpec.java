package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.time.Duration;

/** How events are cut into report windows: every {@code n} events, or by event-time buckets. */
public sealed interface WindowSpec permits WindowSpec.ByCount, WindowSpec.ByTime {

  /** A window closes after {@code size} events. */
  record ByCount(int size) implements WindowSpec {
    public ByCount {
      if (size < 1) {
        throw MledgerException.invalidParameter("A count window needs at least 1 event.");
      }
    }
  }

  /**
   * Tumbling event-time windows of {@code length}, aligned to the epoch; a window is reported once
   * an event at or after its end arrives.
   */
  record ByTime(Duration length) implements WindowSpec {
    public ByTime {
      if (length == null || length.isNegative() || length.isZero()) {
        throw MledgerException.invalidParameter("A time window needs a positive length.");
      }
    }

    /** The start (epoch millis) of the window that holds {@code timestampMillis}. */
    public long windowStart(long timestampMillis) {
      long len = length.toMillis();
      return Math.floorDiv(timestampMillis, len) * len;
    }
  }
}
