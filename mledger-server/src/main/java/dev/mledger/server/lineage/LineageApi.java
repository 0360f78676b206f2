package dev.mledger.server.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.LineageGraph;
import dev.mledger.core.lineage.LineageSource;
import dev.mledger.core.lineage.MarquezGraph;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.lineage.Subgraph;
import dev.mledger.core.lineage.openlineage.OpenLineageEvent;
import dev.mledger.core.lineage.openlineage.OpenLineageEvents;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.lineage.IngestResult;
import dev.mledger.store.lineage.LineageSources;
import dev.mledger.store.lineage.LineageStore;
import dev.mledger.store.lineage.StoredLineageEvent;
import dev.mledger.store.registry.ModelRegistryStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lineage API:
 *
 * <ul>
 *   <li>{@code POST /api/v1/lineage}: OpenLineage ingestion (Marquez's endpoint); a RunEvent,
 *       JobEvent or DatasetEvent per the 2-0-2 spec, answered 201 {@code {"digest", "duplicate"}};
 *       a re-delivered event changes nothing. Invalid events get 400 naming the field.
 *   <li>{@code GET /api/v1/lineage?nodeId=&depth=&direction=}: the Marquez graph document around a
 *       node (depth default 20, direction {@code both} by default).
 *   <li>{@code GET /api/v1/lineage/closure?nodeId=model:NAME/VERSION}: everything a model needs.
 *   <li>{@code GET /api/v1/lineage/changes?nodeId=model:NAME/VERSION}: newer dataset and code
 *       versions upstream than the ones the model was built on.
 *   <li>{@code GET /api/v1/lineage/events?runId=}: the raw events of an OpenLineage run.
 *   <li>{@code POST /api/v1/lineage/edges} {@code {"from", "to", "relation"}}: records an edge.
 * </ul>
 */
public final class LineageApi {
  /** Marquez's default depth. */
  static final int DEFAULT_DEPTH = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LineageStore lineage;
  private final LineageSource source;

  /**
   * @param registry null when the server has no model registry
   */
  public LineageApi(LineageStore lineage, ModelRegistryStore registry) {
    this.lineage = lineage;
    this.source = LineageSources.combined(lineage, registry);
  }

  public void register(Routes routes) {
    routes.add(HandlerType.POST, "/api/v1/lineage", this::ingest);
    routes.add(HandlerType.GET, "/api/v1/lineage", this::graph);
    routes.add(HandlerType.GET, "/api/v1/lineage/closure", this::closure);
    routes.add(HandlerType.GET, "/api/v1/lineage/changes", this::changes);
    routes.add(HandlerType.GET, "/api/v1/lineage/events", this::events);
    routes.add(HandlerType.POST, "/api/v1/lineage/edges", this::addEdge);
  }

  private void ingest(Context ctx) {
    OpenLineageEvent event = OpenLineageEvents.parse(parseBody(ctx));
    IngestResult result = lineage.ingest(event);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("digest", result.digest());
    body.put("duplicate", result.duplicate());
    send(ctx, 201, body);
  }

  private void graph(Context ctx) {
    NodeId node = NodeId.parse(required(ctx, "nodeId"));
    int depth = intParam(ctx, "depth", DEFAULT_DEPTH);
    String directionText = ctx.queryParam("direction");
    Direction direction = directionText == null ? Direction.BOTH : Direction.parse(directionText);
    Subgraph subgraph = new LineageGraph(source).traverse(node, direction, depth);
    Map<String, Object> document = MarquezGraph.render(subgraph, source.describe(subgraph.nodes()));
    if (subgraph.truncated()) {
      document.put("truncated", true);
    }
    send(ctx, 200, document);
  }

  private void closure(Context ctx) {
    NodeId node = NodeId.parse(required(ctx, "nodeId"));
    if (!(node instanceof NodeId.Model model)) {
      throw MledgerException.invalidParameter(
          "The dependency closure is defined for model versions (model:NAME/VERSION), got '"
              + node.id()
              + "'.");
    }
    send(ctx, 200, new LineageGraph(source).dependencyClosure(model).toJson());
  }

  /** Newer dataset and code versions upstream of a model version than the ones it was built on. */
  private void changes(Context ctx) {
    NodeId node = NodeId.parse(required(ctx, "nodeId"));
    if (!(node instanceof NodeId.Model model)) {
      throw MledgerException.invalidParameter(
          "Upstream changes are defined for model versions (model:NAME/VERSION), got '"
              + node.id()
              + "'.");
    }
    var closure = new LineageGraph(source).dependencyClosure(model);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model.id());
    body.put(
        "changes",
        lineage.upstreamChanges(closure).stream()
            .map(dev.mledger.core.lineage.UpstreamChange::toJson)
            .toList());
    body.put("complete", closure.complete());
    send(ctx, 200, body);
  }

  private void events(Context ctx) {
    List<StoredLineageEvent> events = lineage.events(required(ctx, "runId"));
    List<Object> json =
        events.stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("digest", e.digest());
                  m.put("kind", e.kind());
                  m.put("eventType", e.eventType());
                  m.put("eventTime", e.eventTime());
                  m.put("receivedAt", e.receivedAt());
                  m.put("event", CanonicalJson.parse(e.document()));
                  return (Object) m;
                })
            .toList();
    send(ctx, 200, Map.of("events", json));
  }

  private void addEdge(Context ctx) {
    if (!(parseBody(ctx) instanceof Map<?, ?> body)) {
      throw MledgerException.invalidParameter(
          "The body must be a JSON object {from, to, relation}.");
    }
    LineageEdge edge =
        new LineageEdge(
            NodeId.parse(text(body, "from")),
            NodeId.parse(text(body, "to")),
            body.get("relation") == null
                ? Relation.DERIVED
                : Relation.parse(text(body, "relation")));
    lineage.addEdge(edge);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", edge.from().id());
    json.put("to", edge.to().id());
    json.put("relation", edge.relation().wireName());
    send(ctx, 201, json);
  }

  private static Object parseBody(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw new MledgerException(ErrorCode.MALFORMED_REQUEST, "The request body is empty.");
    }
    try {
      return CanonicalJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON: " + e.getMessage());
    }
  }

  private static String text(Map<?, ?> body, String field) {
    if (!(body.get(field) instanceof String s) || s.isEmpty()) {
      throw MledgerException.invalidParameter("'" + field + "' must be a non-empty string.");
    }
    return s;
  }

  private static String required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw MledgerException.invalidParameter(
          "Missing value for required parameter '" + name + "'.");
    }
    return value;
  }

  private static int intParam(Context ctx, String name, int defaultValue) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw MledgerException.invalidParameter(
          "Parameter '" + name + "' must be an integer, got '" + value + "'.");
    }
  }

  static void send(Context ctx, int status, Object body) {
    try {
      JsonResponses.send(ctx, status, JsonResponses.CONTENT_TYPE, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "Cannot render the response.", e);
    }
  }
}
