package dev.mledger.core.lineage;

import java.util.Objects;

/** A directed edge from a dependency ({@code from}) to what depends on it ({@code to}). */
public record LineageEdge(NodeId from, NodeId to, Relation relation) {
  public LineageEdge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(relation, "relation");
  }

  /** The endpoint of this edge that is not {@code node} when walking in {@code direction}. */
  NodeId next(Direction direction) {
    return direction == Direction.UPSTREAM ? from : to;
  }
}
