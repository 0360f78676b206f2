package dev.mledger.cli.lineage;

import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Subgraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders one direction of a subgraph as an indented tree. A node reached again (a diamond or a
 * cycle) is printed once more with {@code (see above)} and not expanded, so the output is finite.
 */
final class LineageTree {
  private final Map<NodeId, List<LineageEdge>> children = new LinkedHashMap<>();
  private final Direction direction;
  private final Set<NodeId> printed = new HashSet<>();
  private final StringBuilder out = new StringBuilder();

  private LineageTree(Subgraph subgraph, Direction direction) {
    this.direction = direction;
    for (LineageEdge edge : subgraph.edges()) {
      NodeId parent = direction == Direction.UPSTREAM ? edge.to() : edge.from();
      children.computeIfAbsent(parent, k -> new ArrayList<>()).add(edge);
    }
    children.values().forEach(list -> list.sort((a, b) -> child(a).compareTo(child(b))));
  }

  /** The tree of {@code subgraph} from its start in {@code direction} (UPSTREAM or DOWNSTREAM). */
  static String render(Subgraph subgraph, Direction direction) {
    LineageTree tree = new LineageTree(subgraph, direction);
    tree.out.append(subgraph.start().id()).append('\n');
    tree.printed.add(subgraph.start());
    tree.children(subgraph.start(), "");
    return tree.out.toString();
  }

  private NodeId child(LineageEdge edge) {
    return direction == Direction.UPSTREAM ? edge.from() : edge.to();
  }

  private void children(NodeId node, String indent) {
    List<LineageEdge> edges = children.getOrDefault(node, List.of());
    for (int i = 0; i < edges.size(); i++) {
      boolean last = i == edges.size() - 1;
      NodeId next = child(edges.get(i));
      out.append(indent)
          .append(last ? "└── " : "├── ")
          .append(next.id())
          .append(" (")
          .append(edges.get(i).relation().wireName())
          .append(')');
      if (!printed.add(next)) {
        out.append(" (see above)\n");
        continue;
      }
      out.append('\n');
      children(next, indent + (last ? "    " : "│   "));
    }
  }
}
