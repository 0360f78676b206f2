package dev.mledger.core.lineage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where traversals find edges and node details. Implementations answer for a whole frontier at
 * once, so that a store needs one query per traversal level rather than one per node.
 */
public interface LineageSource {

  /**
   * Edges touching {@code nodes}: with {@link Direction#UPSTREAM} those whose {@code to} is one of
   * them, with {@link Direction#DOWNSTREAM} those whose {@code from} is. Never called with {@link
   * Direction#BOTH}. Duplicates are allowed; unknown nodes simply have no edges.
   */
  List<LineageEdge> edges(Set<NodeId> nodes, Direction direction);

  /**
   * What is known about {@code nodes}, as JSON-like values (maps, lists, strings, numbers,
   * booleans); nodes this source knows nothing about are left out.
   */
  Map<NodeId, Map<String, Object>> describe(Set<NodeId> nodes);
}
