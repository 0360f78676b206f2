package dev.mledger.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTreeTest {
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  static Span span(String id, String parent, long start, long end) {
    return span(id, parent, start, end, Map.of());
  }

  static Span span(String id, String parent, long start, long end, Map<String, Object> attrs) {
    return new Span(
        TRACE,
        id,
        parent,
        "s" + id,
        SpanKind.INTERNAL,
        start,
        end,
        SpanStatus.OK,
        "",
        attrs,
        Map.of());
  }

  static String id(int n) {
    return String.format("%016x", n);
  }

  @Test
  void assemblesChildrenUnderParentsOrderedByStart() {
    TraceTree tree =
        TraceTree.assemble(
            List.of(
                span(id(3), id(1), 30, 40),
                span(id(1), null, 0, 100),
                span(id(2), id(1), 10, 20),
                span(id(4), id(2), 11, 12)));
    assertThat(tree.roots()).hasSize(1);
    SpanNode root = tree.roots().get(0);
    assertThat(root.orphan()).isFalse();
    assertThat(root.size()).isEqualTo(4);
    assertThat(root.children()).extracting(n -> n.span().spanId()).containsExactly(id(2), id(3));
    assertThat(tree.spans()).extracting(Span::spanId).containsExactly(id(1), id(2), id(4), id(3));
  }

  @Test
  void spansWithMissingParentsBecomeOrphanRoots() {
    TraceTree tree =
        TraceTree.assemble(List.of(span(id(1), null, 0, 10), span(id(2), id(9), 5, 6)));
    assertThat(tree.roots()).extracting(SpanNode::orphan).containsExactly(false, true);
  }

  @Test
  void parentCyclesAreCutAndEverySpanAppearsOnce() {
    TraceTree tree =
        TraceTree.assemble(
            List.of(span(id(1), id(2), 0, 10), span(id(2), id(1), 1, 5), span(id(3), null, 2, 3)));
    assertThat(tree.spans())
        .extracting(Span::spanId)
        .containsExactlyInAnyOrder(id(1), id(2), id(3));
    assertThat(tree.roots()).hasSize(2);
  }

  @Test
  void refusesMixedTracesAndBadIds() {
    Span other =
        new Span("1".repeat(32), id(5), null, "x", null, 0, 1, null, null, Map.of(), Map.of());
    assertThatThrownBy(() -> TraceTree.assemble(List.of(span(id(1), null, 0, 1), other)))
        .hasMessageContaining("cannot form one tree");
    assertThatThrownBy(() -> span("XYZ", null, 0, 1)).hasMessageContaining("Invalid span id");
    assertThatThrownBy(() -> span(id(0), null, 0, 1)).hasMessageContaining("not all zero");
    assertThatThrownBy(() -> span(id(1), id(1), 0, 1))
        .hasMessageContaining("names itself as its parent");
    assertThatThrownBy(() -> span(id(1), null, 5, 1)).hasMessageContaining("before it starts");
  }

  @Test
  void allZeroParentMeansRoot() {
    assertThat(span(id(1), "0".repeat(16), 0, 1).isRoot()).isTrue();
  }

  @Test
  void veryDeepTracesAssembleWithoutRecursion() {
    List<Span> chain = new java.util.ArrayList<>();
    int depth = 50_000;
    for (int i = 1; i <= depth; i++) {
      chain.add(span(id(i), i == 1 ? null : id(i - 1), i, i + 1));
    }
    TraceTree tree = TraceTree.assemble(chain);
    assertThat(tree.roots()).hasSize(1);
    assertThat(tree.roots().get(0).size()).isEqualTo(depth);
    assertThat(tree.spans()).hasSize(depth);
    assertThat(tree.spans().get(depth - 1).spanId()).isEqualTo(id(depth));
  }
}
