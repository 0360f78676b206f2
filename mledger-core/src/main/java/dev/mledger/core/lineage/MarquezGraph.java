package dev.mledger.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph document Marquez answers {@code GET /api/v1/lineage} with: {@code {"graph": [{"id",
 * "type", "data", "inEdges", "outEdges"}]}}, edges as {@code {"origin", "destination"}}. Edges also
 * carry their {@code relation}, which Marquez clients ignore. Nodes come in discovery order (the
 * start first); each node's {@code data} holds the fields of its id plus what the sources know.
 */
public final class MarquezGraph {
  private MarquezGraph() {}

  /** The document for {@code subgraph}, with node details from {@code details}. */
  public static Map<String, Object> render(
      Subgraph subgraph, Map<NodeId, Map<String, Object>> details) {
    Map<NodeId, List<Object>> inEdges = new LinkedHashMap<>();
    Map<NodeId, List<Object>> outEdges = new LinkedHashMap<>();
    for (LineageEdge edge : subgraph.edges()) {
      Map<String, Object> json = edgeJson(edge);
      outEdges.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(json);
      inEdges.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(json);
    }
    List<Object> graph = new ArrayList<>();
    for (NodeId node : subgraph.nodes()) {
      Map<String, Object> data = identity(node);
      details.getOrDefault(node, Map.of()).forEach(data::putIfAbsent);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", node.id());
      json.put("type", node.kind().marquezType());
      json.put("data", data);
      json.put("inEdges", inEdges.getOrDefault(node, List.of()));
      json.put("outEdges", outEdges.getOrDefault(node, List.of()));
      graph.add(json);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("graph", graph);
    return document;
  }

  private static Map<String, Object> edgeJson(LineageEdge edge) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("origin", edge.from().id());
    json.put("destination", edge.to().id());
    json.put("relation", edge.relation().wireName());
    return json;
  }

  /** The fields a node id is made of, e.g. {@code namespace}, {@code name}, {@code version}. */
  public static Map<String, Object> identity(NodeId node) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (node instanceof NodeId.Dataset d) {
      data.put("namespace", d.namespace());
      data.put("name", d.name());
      if (d.version() != null) {
        data.put("version", d.version());
      }
    } else if (node instanceof NodeId.Job j) {
      data.put("namespace", j.namespace());
      data.put("name", j.name());
    } else if (node instanceof NodeId.Run r) {
      data.put("runId", r.runId());
    } else if (node instanceof NodeId.Model m) {
      data.put("name", m.name());
      data.put("version", Long.toString(m.version()));
    } else if (node instanceof NodeId.Endpoint e) {
      data.put("name", e.name());
    } else if (node instanceof NodeId.Code c) {
      data.put("commit", c.commit());
    } else if (node instanceof NodeId.Artifact a) {
      data.put("uri", a.uri());
    } else if (node instanceof NodeId.Environment e) {
      data.put("fingerprint", e.fingerprint());
    } else if (node instanceof NodeId.Prompt p) {
      data.put("name", p.name());
      data.put("version", Long.toString(p.version()));
      data.put("uri", p.uri());
    } else if (node instanceof NodeId.Evaluation e) {
      data.put("evalSet", e.evalSet());
      data.put("promptVersion", e.prompt() == null ? null : e.prompt().uri());
      data.put("model", e.model());
    }
    return data;
  }
}
