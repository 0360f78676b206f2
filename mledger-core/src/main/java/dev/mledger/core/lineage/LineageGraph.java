package dev.mledger.core.lineage;

import dev.mledger.core.error.MledgerException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Traversals of the lineage graph: breadth-first, one {@link LineageSource#edges} call per level,
 * each node visited once (so cycles terminate and every node gets its shortest distance).
 */
public final class LineageGraph {
  /** Largest depth a caller may ask for; deeper graphs are walked with an unbounded closure. */
  public static final int MAX_DEPTH = 1_000;

  /** A traversal stops growing after this many nodes and reports itself truncated. */
  public static final int MAX_NODES = 10_000;

  private final LineageSource source;

  public LineageGraph(LineageSource source) {
    this.source = source;
  }

  /**
   * The nodes within {@code depth} edges of {@code start} in {@code direction}, with the edges
   * between them. {@link Direction#BOTH} merges the upstream and the downstream walk.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for a depth outside [0, {@link #MAX_DEPTH}]
   */
  public Subgraph traverse(NodeId start, Direction direction, int depth) {
    if (depth < 0 || depth > MAX_DEPTH) {
      throw MledgerException.invalidParameter(
          "Lineage depth must be between 0 and " + MAX_DEPTH + ", got " + depth + ".");
    }
    return walk(start, direction, depth, MAX_NODES);
  }

  /**
   * Everything {@code model} depends on, transitively: the upstream walk without a depth limit,
   * bounded only by {@link #MAX_NODES} (the closure then says it is incomplete).
   */
  public DependencyClosure dependencyClosure(NodeId.Model model) {
    return DependencyClosure.of(model, upstream(model));
  }

  /**
   * Every node {@code start} depends on, transitively, with the edges between them: the walk a
   * {@link DependencyClosure} is built from, bounded only by {@link #MAX_NODES}.
   */
  public Subgraph upstream(NodeId start) {
    return walk(start, Direction.UPSTREAM, Integer.MAX_VALUE, MAX_NODES);
  }

  /** Every node that depends on {@code start}, transitively, bounded only by {@link #MAX_NODES}. */
  public Subgraph downstream(NodeId start) {
    return walk(start, Direction.DOWNSTREAM, Integer.MAX_VALUE, MAX_NODES);
  }

  private Subgraph walk(NodeId start, Direction direction, int depth, int maxNodes) {
    if (direction != Direction.BOTH) {
      return directed(start, direction, depth, maxNodes);
    }
    Subgraph up = directed(start, Direction.UPSTREAM, depth, maxNodes);
    Subgraph down = directed(start, Direction.DOWNSTREAM, depth, maxNodes);
    Map<NodeId, Integer> distances = new LinkedHashMap<>(up.distances());
    down.distances().forEach((node, d) -> distances.merge(node, d, Math::min));
    Set<LineageEdge> edges = new LinkedHashSet<>(up.edges());
    edges.addAll(down.edges());
    return new Subgraph(
        start, Direction.BOTH, depth, distances, edges, up.truncated() || down.truncated());
  }

  private Subgraph directed(NodeId start, Direction direction, int depth, int maxNodes) {
    Map<NodeId, Integer> distances = new LinkedHashMap<>();
    Set<LineageEdge> edges = new LinkedHashSet<>();
    distances.put(start, 0);
    Set<NodeId> frontier = new LinkedHashSet<>(Set.of(start));
    boolean truncated = false;
    for (int level = 0; level < depth && !frontier.isEmpty() && !truncated; level++) {
      Set<NodeId> next = new LinkedHashSet<>();
      for (LineageEdge edge : source.edges(frontier, direction)) {
        NodeId near = direction == Direction.UPSTREAM ? edge.to() : edge.from();
        if (!frontier.contains(near)) {
          continue; // a source may over-answer; only edges of this frontier count
        }
        NodeId far = edge.next(direction);
        if (!distances.containsKey(far)) {
          if (distances.size() >= maxNodes) {
            truncated = true;
            continue;
          }
          distances.put(far, level + 1);
          next.add(far);
        }
        edges.add(edge);
      }
      frontier = next;
    }
    return new Subgraph(start, direction, depth, distances, edges, truncated);
  }
}
