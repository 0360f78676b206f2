package dev.mledger.core.modelcard;

import dev.mledger.core.lineage.DependencyClosure;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.NodeKind;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.lineage.Subgraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lineage graph around a model version as its card states it: the upstream dependency closure
 * (each node with its distance, version and who produced it), the edges of that closure, and what
 * consumes the version downstream (endpoints, monitors, derived model versions).
 *
 * @param upstream every node the version depends on, transitively; nearest first, then by id
 * @param edges the upstream edges, from the farthest sources towards the model (so chains such as
 *     raw → clean → features → run → model read top to bottom)
 * @param endpoints ids of the endpoints serving the version
 * @param monitors names of the monitors watching the version or one of its endpoints
 * @param downstreamModels ids of model versions derived from this one
 * @param complete false when a walk stopped at the node limit and more nodes may exist
 */
public record CardLineage(
    List<Node> upstream,
    List<Edge> edges,
    List<String> endpoints,
    List<String> monitors,
    List<String> downstreamModels,
    boolean complete) {

  /** A card of a version nothing is recorded about. */
  public static final CardLineage NONE =
      new CardLineage(List.of(), List.of(), List.of(), List.of(), List.of(), true);

  /** Details of a node worth a line on a card; anything else is in the lineage API. */
  private static final List<String> RUN_FACTS = List.of("runName", "status", "userId");

  public CardLineage {
    upstream = List.copyOf(upstream);
    edges = List.copyOf(edges);
    endpoints = List.copyOf(endpoints);
    monitors = List.copyOf(monitors);
    downstreamModels = List.copyOf(downstreamModels);
  }

  /** Whether the graph knows nothing upstream or downstream of the version. */
  public boolean isEmpty() {
    return upstream.isEmpty()
        && endpoints.isEmpty()
        && monitors.isEmpty()
        && downstreamModels.isEmpty();
  }

  /**
   * One node of the upstream closure.
   *
   * @param id the node id ({@code dataset:file/raw.csv@sha256...}, {@code run:...}, ...)
   * @param kind its kind in lower case ({@code dataset}, {@code run}, {@code job}, ...)
   * @param distance edges between it and the model version
   * @param version for a dataset version its version, which for MLflow-logged datasets is the
   *     content digest; the commit for code; {@code null} otherwise
   * @param producedBy ids of the jobs or runs that wrote this dataset (or its identity)
   * @param facts a few descriptive values (run name and status, repository URL, data source)
   */
  public record Node(
      String id,
      String kind,
      int distance,
      String version,
      List<String> producedBy,
      Map<String, String> facts) {
    public Node {
      producedBy = List.copyOf(producedBy);
      facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
  }

  /** An edge {@code from → to} with its relation's wire name. */
  public record Edge(String from, String to, String relation) {}

  /**
   * The card's lineage from the traversals around {@code model}.
   *
   * @param upstream the unbounded upstream walk from the model (the one its {@link
   *     DependencyClosure} is built from)
   * @param downstream the downstream walk from the model
   * @param descriptions what the lineage source knows about the nodes of both walks
   * @param monitors names of the monitors watching the model version or its endpoints
   */
  public static CardLineage of(
      NodeId.Model model,
      Subgraph upstream,
      Subgraph downstream,
      Map<NodeId, Map<String, Object>> descriptions,
      List<String> monitors) {
    DependencyClosure closure = DependencyClosure.of(model, upstream);
    Set<NodeId> members = new TreeSet<>();
    members.addAll(closure.datasets());
    members.addAll(closure.runs());
    members.addAll(closure.jobs());
    members.addAll(closure.code());
    members.addAll(closure.artifacts());
    members.addAll(closure.models());
    List<Node> nodes = new ArrayList<>();
    for (NodeId id : members) {
      nodes.add(
          new Node(
              id.id(),
              id.kind().prefix(),
              upstream.distances().get(id),
              version(id),
              producers(id, upstream),
              facts(id, descriptions.getOrDefault(id, Map.of()))));
    }
    nodes.sort(Comparator.comparingInt(Node::distance).thenComparing(Node::id));
    List<Edge> edges =
        upstream.edges().stream()
            .sorted(
                Comparator.comparingInt(
                        (LineageEdge e) -> -upstream.distances().getOrDefault(e.from(), 0))
                    .thenComparing(e -> e.from().id())
                    .thenComparing(e -> e.to().id()))
            .map(e -> new Edge(e.from().id(), e.to().id(), e.relation().wireName()))
            .toList();
    List<String> endpoints = new ArrayList<>();
    List<String> derived = new ArrayList<>();
    for (NodeId node : downstream.nodes()) {
      if (node.kind() == NodeKind.ENDPOINT) {
        endpoints.add(node.id());
      } else if (node instanceof NodeId.Model m && !m.equals(model)) {
        derived.add(m.id());
      }
    }
    endpoints.sort(null);
    derived.sort(null);
    return new CardLineage(
        nodes,
        edges,
        endpoints,
        monitors.stream().sorted().toList(),
        derived,
        closure.complete() && !downstream.truncated());
  }

  private static String version(NodeId id) {
    if (id instanceof NodeId.Dataset d) {
      return d.version();
    }
    return id instanceof NodeId.Code c ? c.commit() : null;
  }

  /**
   * Writers of the dataset version, or of its identity when the version came via a VERSION edge.
   */
  private static List<String> producers(NodeId id, Subgraph upstream) {
    if (!(id instanceof NodeId.Dataset dataset)) {
      return List.of();
    }
    Set<String> producers = new TreeSet<>();
    for (LineageEdge e : upstream.edges()) {
      boolean written = e.relation() == Relation.OUTPUT || e.relation() == Relation.DERIVED;
      if (written && (e.to().equals(dataset) || e.to().equals(dataset.unversioned()))) {
        producers.add(e.from().id());
      }
    }
    return List.copyOf(producers);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> facts(NodeId id, Map<String, Object> description) {
    Map<String, String> facts = new LinkedHashMap<>();
    switch (id.kind()) {
      case RUN -> {
        for (String key : RUN_FACTS) {
          if (description.get(key) instanceof String value && !value.isBlank()) {
            facts.put(key, value);
          }
        }
      }
      case CODE -> {
        if (description.get("repoURL") instanceof String repo) {
          facts.put("repoURL", repo);
        }
      }
      case DATASET -> {
        Map<String, Object> facets =
            description.get("facets") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (facets.get("version") instanceof Map<?, ?> v
            && v.get("datasetVersion") instanceof String datasetVersion) {
          facts.put("datasetVersion", datasetVersion);
        }
        if (facets.get("dataSource") instanceof Map<?, ?> s && s.get("uri") instanceof String uri) {
          facts.put("dataSource", uri);
        }
        if (facets.get("schema") instanceof Map<?, ?> s && s.get("fields") instanceof List<?> f) {
          facts.put("schemaFields", Integer.toString(f.size()));
        }
      }
      default -> {
        // jobs, artifacts and models are named by their ids
      }
    }
    return facts;
  }
}
