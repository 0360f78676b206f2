package dev.mledger.core.lineage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The part of the lineage graph a traversal reached.
 *
 * @param distances every reached node with its distance from {@code start} (0 for the start), in
 *     discovery order
 * @param edges the edges followed, plus those between reached nodes found on the way (so cycles
 *     show)
 * @param truncated true when the traversal stopped at {@link LineageGraph#MAX_NODES} nodes before
 *     reaching the requested depth
 */
public record Subgraph(
    NodeId start,
    Direction direction,
    int depth,
    Map<NodeId, Integer> distances,
    Set<LineageEdge> edges,
    boolean truncated) {

  public Subgraph {
    distances = Collections.unmodifiableMap(new LinkedHashMap<>(distances));
    edges = Collections.unmodifiableSet(new LinkedHashSet<>(edges));
  }

  /** The reached nodes, start first. */
  public Set<NodeId> nodes() {
    return distances.keySet();
  }
}
