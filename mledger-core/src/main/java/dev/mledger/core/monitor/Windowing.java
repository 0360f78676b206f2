package dev.mledger.core.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts pending events (not yet reported, in arrival order) into closed windows. Count windows close
 * every {@code size} events; time windows close once an event at or after their end has arrived
 * (late events of a closed bucket fall into the next report of their own bucket).
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
    TreeMap<Long, List<MonitorEvent>> buckets = new TreeMap<>();
    long latest = Long.MIN_VALUE;
    for (MonitorEvent e : pending) {
      buckets.computeIfAbsent(spec.windowStart(e.timestamp()), k -> new ArrayList<>()).add(e);
      latest = Math.max(latest, e.timestamp());
    }
    long length = spec.length().toMillis();
    List<Window> closed = new ArrayList<>();
    List<MonitorEvent> open = new ArrayList<>();
    for (Map.Entry<Long, List<MonitorEvent>> b : buckets.entrySet()) {
      long end = b.getKey() + length;
      if (latest >= end) {
        closed.add(new Window(b.getKey(), end, List.copyOf(b.getValue())));
      } else {
        open.addAll(b.getValue());
      }
    }
    return new Cut(closed, open);
  }
}
