package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans of one trace assembled into trees by their parent ids. Spans whose parent is missing
 * become roots marked {@link SpanNode#orphan()}; spans caught in a parent cycle (possible only with
 * corrupt input) are broken out as orphan roots at the span that closes the cycle, so assembly
 * always terminates and every span appears exactly once.
 */
public record TraceTree(String traceId, List<SpanNode> roots) {
  private static final Comparator<Span> ORDER =
      Comparator.comparingLong(Span::startTimeNanos).thenComparing(Span::spanId);

  public TraceTree {
    roots = List.copyOf(roots);
  }

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE when the spans are empty or belong to several
   *     traces
   */
  public static TraceTree assemble(List<Span> spans) {
    if (spans.isEmpty()) {
      throw MledgerException.invalidParameter("A trace needs at least one span.");
    }
    String traceId = spans.get(0).traceId();
    Map<String, Span> byId = new HashMap<>();
    for (Span span : spans) {
      if (!span.traceId().equals(traceId)) {
        throw MledgerException.invalidParameter(
            "Spans of traces " + traceId + " and " + span.traceId() + " cannot form one tree.");
      }
      byId.put(span.spanId(), span);
    }
    Map<String, List<Span>> children = new HashMap<>();
    List<Span> rootSpans = new ArrayList<>();
    Set<String> orphans = new HashSet<>();
    for (Span span : byId.values()) {
      if (span.parentSpanId() == null) {
        rootSpans.add(span);
      } else if (!byId.containsKey(span.parentSpanId())) {
        rootSpans.add(span);
        orphans.add(span.spanId());
      } else {
        children.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
      }
    }
    Set<String> placed = new HashSet<>();
    List<SpanNode> roots = new ArrayList<>();
    rootSpans.sort(ORDER);
    for (Span root : rootSpans) {
      roots.add(build(root, children, placed, orphans.contains(root.spanId())));
    }
    // Whatever is left sits on a parent cycle: cut each cycle at its earliest span.
    List<Span> left = new ArrayList<>();
    for (Span span : byId.values()) {
      if (!placed.contains(span.spanId())) {
        left.add(span);
      }
    }
    left.sort(ORDER);
    for (Span span : left) {
      if (!placed.contains(span.spanId())) {
        roots.add(build(span, children, placed, true));
      }
    }
    return new TraceTree(traceId, roots);
  }

  /** Every span, depth first in tree order. */
  public List<Span> spans() {
    List<Span> out = new ArrayList<>();
    for (SpanNode root : roots) {
      collect(root, out);
    }
    return out;
  }

  private static void collect(SpanNode node, List<Span> out) {
    out.add(node.span());
    for (SpanNode child : node.children()) {
      collect(child, out);
    }
  }

  private static SpanNode build(
      Span span, Map<String, List<Span>> children, Set<String> placed, boolean orphan) {
    placed.add(span.spanId());
    List<SpanNode> nodes = new ArrayList<>();
    List<Span> kids = new ArrayList<>(children.getOrDefault(span.spanId(), List.of()));
    kids.sort(ORDER);
    for (Span child : kids) {
      if (!placed.contains(child.spanId())) {
        nodes.add(build(child, children, placed, false));
      }
    }
    return new SpanNode(span, nodes, orphan);
  }
}
