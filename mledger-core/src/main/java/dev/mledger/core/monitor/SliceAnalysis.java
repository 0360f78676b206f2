package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drift per segment: the window's events grouped by the values of a categorical column, each group
 * reported against the whole reference, so a shift confined to one segment shows even when the
 * aggregate looks stable. Segments with fewer than {@code minRows} events are skipped (their tests
 * would have no power).
 */
public final class SliceAnalysis {
  /** The segment value under which missing values are grouped. */
  public static final String MISSING = "(missing)";

  private SliceAnalysis() {}

  /** The report of one segment. */
  public record Slice(String segment, WindowReport report) {}

  public static List<Slice> bySegment(
      WindowReporter reporter,
      String segmentColumn,
      List<MonitorEvent> events,
      long windowStart,
      long windowEnd,
      int minRows) {
    if (minRows < 1) {
      throw MledgerException.invalidParameter("minRows must be at least 1");
    }
    Map<String, List<MonitorEvent>> groups = new TreeMap<>();
    for (MonitorEvent e : events) {
      if (!e.features().containsKey(segmentColumn)) {
        throw MledgerException.invalidParameter(
            "The segment column '" + segmentColumn + "' is not a monitored feature.");
      }
      Object v = e.features().get(segmentColumn);
      String segment = v == null ? MISSING : EventValidation.categoryOf(v);
      groups.computeIfAbsent(segment, k -> new ArrayList<>()).add(e);
    }
    List<Slice> slices = new ArrayList<>();
    for (Map.Entry<String, List<MonitorEvent>> g : groups.entrySet()) {
      if (g.getValue().size() >= minRows) {
        slices.add(
            new Slice(g.getKey(), reporter.reportColumns(g.getValue(), windowStart, windowEnd)));
      }
    }
    return slices;
  }
}
