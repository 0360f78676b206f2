package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
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
    Deque<SpanNode> stack = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(roots.get(i));
    }
    while (!stack.isEmpty()) {
      SpanNode node = stack.pop();
      out.add(node.span());
      for (int i = node.children().size() - 1; i >= 0; i--) {
        stack.push(node.children().get(i));
      }
    }
    return out;
  }

  /**
   * Builds the subtree under {@code top} without recursion, so that a pathologically deep trace
   * cannot overflow the stack: spans are placed depth first, then nodes are built bottom-up.
   */
  private static SpanNode build(
      Span top, Map<String, List<Span>> children, Set<String> placed, boolean orphan) {
    List<Span> order = new ArrayList<>();
    Map<String, List<Span>> placedChildren = new HashMap<>();
    Deque<Span> stack = new ArrayDeque<>();
    stack.push(top);
    placed.add(top.spanId());
    while (!stack.isEmpty()) {
      Span span = stack.pop();
      order.add(span);
      List<Span> kids = new ArrayList<>(children.getOrDefault(span.spanId(), List.of()));
      kids.sort(ORDER);
      List<Span> accepted = new ArrayList<>();
      for (Span child : kids) {
        if (placed.add(child.spanId())) {
          accepted.add(child);
        }
      }
      placedChildren.put(span.spanId(), accepted);
      for (int i = accepted.size() - 1; i >= 0; i--) {
        stack.push(accepted.get(i));
      }
    }
    Map<String, SpanNode> built = new HashMap<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      Span span = order.get(i);
      List<SpanNode> nodes = new ArrayList<>();
      for (Span child : placedChildren.get(span.spanId())) {
        nodes.add(built.remove(child.spanId()));
      }
      built.put(span.spanId(), new SpanNode(span, nodes, span == top && orphan));
    }
    return built.get(top.spanId());
  }
}
