package dev.mledger.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several sources seen as one graph: edges are the union, node details are merged key by key (a
 * later source adds keys, it does not replace what an earlier one said).
 */
public final class CompositeLineageSource implements LineageSource {
  private final List<LineageSource> sources;

  public CompositeLineageSource(List<LineageSource> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public List<LineageEdge> edges(Set<NodeId> nodes, Direction direction) {
    List<LineageEdge> all = new ArrayList<>();
    for (LineageSource source : sources) {
      all.addAll(source.edges(nodes, direction));
    }
    return all;
  }

  @Override
  public Map<NodeId, Map<String, Object>> describe(Set<NodeId> nodes) {
    Map<NodeId, Map<String, Object>> merged = new LinkedHashMap<>();
    for (LineageSource source : sources) {
      for (Map.Entry<NodeId, Map<String, Object>> e : source.describe(nodes).entrySet()) {
        Map<String, Object> data = merged.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
        e.getValue().forEach(data::putIfAbsent);
      }
    }
    return merged;
  }
}
