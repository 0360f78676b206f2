package dev.mledger.core.llm;

import java.util.List;

/**
 * A span with its children, ordered by start time (then span id).
 *
 * @param orphan whether the span names a parent that is not in the trace (it is then shown as a
 *     root: the parent may arrive later, or was never exported)
 */
public record SpanNode(Span span, List<SpanNode> children, boolean orphan) {
  public SpanNode {
    children = List.copyOf(children);
  }

  /** The number of spans in this subtree, this one included. */
  public int size() {
    int n = 0;
    java.util.Deque<SpanNode> stack = new java.util.ArrayDeque<>();
    stack.push(this);
    while (!stack.isEmpty()) {
      SpanNode node = stack.pop();
      n++;
      node.children.forEach(stack::push);
    }
    return n;
  }
}
