package dev.mledger.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A lineage source over a fixed edge list, counting how often it is asked. */
final class InMemorySource implements LineageSource {
  final List<LineageEdge> edges = new ArrayList<>();
  final Map<NodeId, Map<String, Object>> details = new LinkedHashMap<>();
  int calls;

  InMemorySource edge(String from, String to, Relation relation) {
    edges.add(new LineageEdge(NodeId.parse(from), NodeId.parse(to), relation));
    return this;
  }

  @Override
  public List<LineageEdge> edges(Set<NodeId> nodes, Direction direction) {
    calls++;
    return edges.stream()
        .filter(e -> nodes.contains(direction == Direction.UPSTREAM ? e.to() : e.from()))
        .toList();
  }

  @Override
  public Map<NodeId, Map<String, Object>> describe(Set<NodeId> nodes) {
    Map<NodeId, Map<String, Object>> out = new LinkedHashMap<>();
    nodes.forEach(
        n -> {
          if (details.containsKey(n)) {
            out.put(n, details.get(n));
          }
        });
    return out;
  }
}
