package dev.mledger.core.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts pending events (not yet reported, in arrival order) into closed windows, always a prefix of
 * the arrival order so a report covers a contiguous range of the event log. Count windows close
 * every {@code size} events. A time window is the epoch-aligned bucket of its first event and
 * closes when an event at or after the bucket's end arrives; events arriving late (time before the
 * bucket) are reported with the window open when they arrive rather than reopening a reported one.
 */
public final class Windowing {

  /** A closed window. */
  public record Window(long start, long end, List<MonitorEvent> events) {}

  /** Closed windows and the events still pending. */
  public record Cut(List<Window> closed, List<MonitorEvent> pending) {}

  private Windowing() {}

  public static Cut cut(WindowSpec spec, List<MonitorEvent> pending) {
    if (spec instanceof WindowSpec.ByCount c) {
      return byCount(c.size(), pending);
    }
    return byTime((WindowSpec.ByTime) spec, pending);
  }

  private static Cut byCount(int size, List<MonitorEvent> pending) {
    List<Window> closed = new ArrayList<>();
    int full = pending.size() / size * size;
    for (int i = 0; i < full; i += size) {
      List<MonitorEvent> events = pending.subList(i, i + size);
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (MonitorEvent e : events) {
        start = Math.min(start, e.timestamp());
        end = Math.max(end, e.timestamp());
      }
      closed.add(new Window(start, end, List.copyOf(events)));
    }
    return new Cut(closed, List.copyOf(pending.subList(full, pending.size())));
  }

  private static Cut byTime(WindowSpec.ByTime spec, List<MonitorEvent> pending) {
    List<Window> closed = new ArrayList<>();
    long length = spec.length().toMillis();
    int first = 0;
    for (int i = 0; i < pending.size(); i++) {
      long bucket = spec.windowStart(pending.get(first).timestamp());
      if (pending.get(i).timestamp() >= bucket + length) {
        closed.add(new Window(bucket, bucket + length, List.copyOf(pending.subList(first, i))));
        first = i;
      }
    }
    return new Cut(closed, List.copyOf(pending.subList(first, pending.size())));
  }
}
