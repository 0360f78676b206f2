package dev.mledger.store.jdbc;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.MlflowDatasets;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.lineage.openlineage.DatasetEvent;
import dev.mledger.core.lineage.openlineage.JobEvent;
import dev.mledger.core.lineage.openlineage.LineageDataset;
import dev.mledger.core.lineage.openlineage.OpenLineageEvent;
import dev.mledger.core.lineage.openlineage.RunEvent;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.store.lineage.IngestResult;
import dev.mledger.store.lineage.LineageStore;
import dev.mledger.store.lineage.StoredLineageEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link LineageStore} on the {@code lineage_*} tables, with the tracking-derived edges read from
 * the {@code inputs}, {@code datasets}, {@code tags} and {@code runs} tables at query time.
 */
final class JdbcLineageStore implements LineageStore {
  static final String GIT_COMMIT_TAG = "mlflow.source.git.commit";
  private static final String GIT_REPO_TAG = "mlflow.source.git.repoURL";
  private static final int IN_LIST = 500;

  private final Database db;
  private final Clock clock;

  JdbcLineageStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  // ---- writes ------------------------------------------------------------------------------

  @Override
  public IngestResult ingest(OpenLineageEvent event) {
    return db.write(
        h -> {
          if (!insertEvent(h, event)) {
            return new IngestResult(event.digest(), true);
          }
          long eventMs = event.eventTime().toInstant().toEpochMilli();
          NodeUpdates updates = new NodeUpdates();
          List<LineageEdge> edges = new ArrayList<>();
          if (event instanceof RunEvent run) {
            Map<String, Object> latestRun = new LinkedHashMap<>();
            latestRun.put("runId", run.runId());
            latestRun.put("eventType", run.eventType() == null ? null : run.eventType().name());
            latestRun.put("eventTime", run.eventTime().toString());
            recordJob(
                updates,
                edges,
                new NodeId.Job(run.jobNamespace(), run.jobName()),
                run.jobFacets(),
                latestRun,
                run.inputs(),
                run.outputs());
          } else if (event instanceof JobEvent job) {
            recordJob(
                updates,
                edges,
                new NodeId.Job(job.jobNamespace(), job.jobName()),
                job.jobFacets(),
                null,
                job.inputs(),
                job.outputs());
          } else if (event instanceof DatasetEvent dataset) {
            recordDataset(updates, edges, dataset.dataset());
          }
          long now = clock.millis();
          // Stable lock order across concurrent ingests (PostgreSQL row locks).
          for (Map.Entry<NodeId, NodeUpdate> u : updates.byNode.entrySet()) {
            applyNodeUpdate(h, u.getKey(), u.getValue(), eventMs, now);
          }
          for (LineageEdge edge : edges) {
            upsertEdge(h, edge, now);
          }
          return new IngestResult(event.digest(), false);
        });
  }

  @Override
  public void addEdge(LineageEdge edge) {
    db.write(
        h -> {
          upsertEdge(h, edge, clock.millis());
          return null;
        });
  }

  private boolean insertEvent(Handle h, OpenLineageEvent event) {
    String kind;
    String eventType = null;
    String runId = null;
    String jobNamespace = null;
    String jobName = null;
    if (event instanceof RunEvent run) {
      kind = "run";
      eventType = run.eventType() == null ? null : run.eventType().name();
      runId = run.runId();
      jobNamespace = run.jobNamespace();
      jobName = run.jobName();
    } else if (event instanceof JobEvent job) {
      kind = "job";
      jobNamespace = job.jobNamespace();
      jobName = job.jobName();
    } else {
      kind = "dataset";
    }
    return h.createUpdate(
                "INSERT INTO lineage_events (digest, event_kind, event_type, run_id, job_namespace,"
                    + " job_name, event_time, event_time_ms, received_at, document)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING")
            .bind(0, event.digest())
            .bind(1, kind)
            .bind(2, eventType)
            .bind(3, runId)
            .bind(4, jobNamespace)
            .bind(5, jobName)
            .bind(6, event.eventTime().toString())
            .bind(7, event.eventTime().toInstant().toEpochMilli())
            .bind(8, clock.millis())
            .bind(9, CanonicalJson.write(event.document()))
            .execute()
        == 1;
  }

  private static void recordJob(
      NodeUpdates updates,
      List<LineageEdge> edges,
      NodeId.Job job,
      Map<String, Object> facets,
      Map<String, Object> latestRun,
      List<LineageDataset> inputs,
      List<LineageDataset> outputs) {
    NodeUpdate update = updates.of(job);
    update.facets.putAll(facets);
    if (latestRun != null) {
      update.latestRun = latestRun;
    }
    for (LineageDataset input : inputs) {
      recordDataset(updates, edges, input);
      edges.add(new LineageEdge(input.node(), job, Relation.INPUT));
    }
    for (LineageDataset output : outputs) {
      recordDataset(updates, edges, output);
      edges.add(new LineageEdge(job, output.node(), Relation.OUTPUT));
    }
  }

  private static void recordDataset(
      NodeUpdates updates, List<LineageEdge> edges, LineageDataset dataset) {
    NodeId.Dataset node = dataset.node();
    updates.of(node).facets.putAll(dataset.facets());
    if (node.version() != null) {
      updates.of(node.unversioned());
      edges.add(new LineageEdge(node.unversioned(), node, Relation.VERSION));
    }
  }

  /** What one event says about one node. */
  private static final class NodeUpdate {
    final Map<String, Object> facets = new LinkedHashMap<>();
    Map<String, Object> latestRun;
  }

  private static final class NodeUpdates {
    final Map<NodeId, NodeUpdate> byNode = new TreeMap<>();

    NodeUpdate of(NodeId node) {
      return byNode.computeIfAbsent(node, n -> new NodeUpdate());
    }
  }

  /**
   * Merges an event's facets into the node: a newer event replaces facets of the same name (a
   * {@code _deleted} facet removes it), an older one only adds facets not known yet, so events may
   * arrive in any order.
   */
  @SuppressWarnings("unchecked")
  private void applyNodeUpdate(Handle h, NodeId node, NodeUpdate update, long eventMs, long now) {
    h.createUpdate(
            "INSERT INTO lineage_nodes (node_id, kind, data, last_event_ms, updated_at)"
                + " VALUES (?, ?, '{}', ?, ?) ON CONFLICT (node_id) DO NOTHING")
        .bind(0, node.id())
        .bind(1, node.kind().prefix())
        .bind(2, Long.MIN_VALUE)
        .bind(3, now)
        .execute();
    String lock = db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    Map.Entry<String, Long> row =
        h.createQuery("SELECT data, last_event_ms FROM lineage_nodes WHERE node_id = ?" + lock)
            .bind(0, node.id())
            .map((rs, ctx) -> Map.entry(rs.getString("data"), rs.getLong("last_event_ms")))
            .one();
    Map<String, Object> data =
        new LinkedHashMap<>((Map<String, Object>) CanonicalJson.parse(row.getKey()));
    boolean newer = eventMs >= row.getValue();
    Map<String, Object> facets =
        new LinkedHashMap<>(
            data.get("facets") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    for (Map.Entry<String, Object> facet : update.facets.entrySet()) {
      boolean deleted =
          facet.getValue() instanceof Map<?, ?> f && Boolean.TRUE.equals(f.get("_deleted"));
      if (newer && deleted) {
        facets.remove(facet.getKey());
      } else if (!deleted && (newer || !facets.containsKey(facet.getKey()))) {
        facets.put(facet.getKey(), facet.getValue());
      }
    }
    data.put("facets", facets);
    if (update.latestRun != null && (newer || !data.containsKey("latestRun"))) {
      data.put("latestRun", update.latestRun);
    }
    h.createUpdate(
            "UPDATE lineage_nodes SET data = ?, last_event_ms = ?, updated_at = ?"
                + " WHERE node_id = ?")
        .bind(0, CanonicalJson.write(data))
        .bind(1, Math.max(eventMs, row.getValue()))
        .bind(2, now)
        .bind(3, node.id())
        .execute();
  }

  private static void upsertEdge(Handle h, LineageEdge edge, long now) {
    h.createUpdate(
            "INSERT INTO lineage_edges (from_node, to_node, relation, first_seen, last_seen)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (from_node, to_node, relation)"
                + " DO UPDATE SET last_seen = excluded.last_seen")
        .bind(0, edge.from().id())
        .bind(1, edge.to().id())
        .bind(2, edge.relation().name())
        .bind(3, now)
        .bind(4, now)
        .execute();
  }

  // ---- reads -------------------------------------------------------------------------------

  @Override
  public List<dev.mledger.core.lineage.UpstreamChange> upstreamChanges(
      dev.mledger.core.lineage.DependencyClosure closure) {
    return db.read(h -> DerivedLineage.upstreamChanges(h, closure));
  }

  @Override
  public List<StoredLineageEvent> events(String openLineageRunId) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT digest, event_kind, event_type, run_id, job_namespace, job_name,"
                        + " event_time, received_at, document FROM lineage_events"
                        + " WHERE run_id = ? ORDER BY event_time_ms, received_at, digest")
                .bind(0, openLineageRunId)
                .map(
                    (rs, ctx) ->
                        new StoredLineageEvent(
                            rs.getString("digest"),
                            rs.getString("event_kind"),
                            rs.getString("event_type"),
                            rs.getString("run_id"),
                            rs.getString("job_namespace"),
                            rs.getString("job_name"),
                            rs.getString("event_time"),
                            rs.getLong("received_at"),
                            rs.getString("document")))
                .list());
  }

  @Override
  public List<LineageEdge> edges(Set<NodeId> nodes, Direction direction) {
    if (direction == Direction.BOTH) {
      throw new IllegalArgumentException("edges are asked for one direction at a time");
    }
    if (nodes.isEmpty()) {
      return List.of();
    }
    return db.read(
        h -> {
          List<LineageEdge> edges = new ArrayList<>(storedEdges(h, nodes, direction));
          if (direction == Direction.UPSTREAM) {
            edges.addAll(runInputs(h, ofType(nodes, NodeId.Run.class, NodeId.Run::runId)));
            edges.addAll(runCommits(h, ofType(nodes, NodeId.Run.class, NodeId.Run::runId)));
            edges.addAll(identitiesOfVersions(h, nodes));
          } else {
            edges.addAll(runsReading(h, nodes));
            edges.addAll(versionsOfIdentities(h, nodes));
            edges.addAll(runsOfCommits(h, ofType(nodes, NodeId.Code.class, NodeId.Code::commit)));
          }
          edges.addAll(DerivedLineage.edges(h, nodes, direction));
          return edges;
        });
  }

  private static List<LineageEdge> storedEdges(Handle h, Set<NodeId> nodes, Direction direction) {
    String column = direction == Direction.UPSTREAM ? "to_node" : "from_node";
    List<String> ids = nodes.stream().map(NodeId::id).toList();
    return inChunks(
        ids,
        chunk ->
            bound(
                    h.createQuery(
                        "SELECT from_node, to_node, relation FROM lineage_edges WHERE "
                            + column
                            + " IN ("
                            + placeholders(chunk.size())
                            + ")"),
                    chunk)
                .map(
                    (rs, ctx) ->
                        new LineageEdge(
                            NodeId.parse(rs.getString("from_node")),
                            NodeId.parse(rs.getString("to_node")),
                            Relation.valueOf(rs.getString("relation"))))
                .list());
  }

  /** The MLflow datasets each run logged as inputs → the run. */
  private static List<LineageEdge> runInputs(Handle h, List<String> runIds) {
    return inChunks(
        runIds,
        chunk ->
            bound(
                    h.createQuery(
                        "SELECT i.destination_id AS run_uuid, d.name, d.digest, d.dataset_source_type,"
                            + " d.dataset_source FROM inputs i JOIN datasets d"
                            + " ON d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET'"
                            + " AND i.destination_type = 'RUN' AND i.destination_id IN ("
                            + placeholders(chunk.size())
                            + ")"),
                    chunk)
                .map(
                    (rs, ctx) ->
                        new LineageEdge(
                            MlflowDatasets.node(dataset(rs)),
                            new NodeId.Run(rs.getString("run_uuid")),
                            Relation.INPUT))
                .list());
  }

  private static List<LineageEdge> runCommits(Handle h, List<String> runIds) {
    return inChunks(
        runIds,
        chunk ->
            bound(
                    h.createQuery(
                        "SELECT run_uuid, value FROM tags WHERE key = '"
                            + GIT_COMMIT_TAG
                            + "' AND value IS NOT NULL AND value <> '' AND run_uuid IN ("
                            + placeholders(chunk.size())
                            + ")"),
                    chunk)
                .map(
                    (rs, ctx) ->
                        new LineageEdge(
                            new NodeId.Code(rs.getString("value")),
                            new NodeId.Run(rs.getString("run_uuid")),
                            Relation.CODE))
                .list());
  }

  private static List<LineageEdge> runsOfCommits(Handle h, List<String> commits) {
    List<LineageEdge> edges = new ArrayList<>();
    for (String commit : commits) {
      edges.addAll(
          h.createQuery("SELECT run_uuid FROM tags WHERE key = ? AND value = ?")
              .bind(0, GIT_COMMIT_TAG)
              .bind(1, commit)
              .map(
                  (rs, ctx) ->
                      new LineageEdge(
                          new NodeId.Code(commit),
                          new NodeId.Run(rs.getString("run_uuid")),
                          Relation.CODE))
              .list());
    }
    return edges;
  }

  /**
   * A dataset version → the runs that logged it: candidates by digest, kept when MLflow's dataset
   * names to the same node.
   */
  private static List<LineageEdge> runsReading(Handle h, Set<NodeId> nodes) {
    List<LineageEdge> edges = new ArrayList<>();
    for (NodeId node : nodes) {
      if (!(node instanceof NodeId.Dataset dataset) || dataset.version() == null) {
        continue;
      }
      edges.addAll(
          h
              .createQuery(
                  "SELECT i.destination_id AS run_uuid, d.name, d.digest, d.dataset_source_type,"
                      + " d.dataset_source FROM datasets d JOIN inputs i"
                      + " ON i.source_type = 'DATASET' AND i.source_id = d.dataset_uuid"
                      + " AND i.destination_type = 'RUN' WHERE d.digest = ?")
              .bind(0, dataset.version())
              .map(
                  (rs, ctx) ->
                      MlflowDatasets.node(dataset(rs)).equals(dataset)
                          ? new LineageEdge(
                              dataset, new NodeId.Run(rs.getString("run_uuid")), Relation.INPUT)
                          : null)
              .list()
              .stream()
              .filter(e -> e != null)
              .toList());
    }
    return edges;
  }

  /**
   * A dataset identity known from OpenLineage → the MLflow dataset versions named like it (stored
   * OpenLineage versions come as stored edges).
   */
  private static List<LineageEdge> versionsOfIdentities(Handle h, Set<NodeId> nodes) {
    List<LineageEdge> edges = new ArrayList<>();
    for (NodeId node : nodes) {
      if (!(node instanceof NodeId.Dataset dataset) || dataset.version() != null) {
        continue;
      }
      edges.addAll(
          h
              .createQuery(
                  "SELECT DISTINCT d.name, d.digest, d.dataset_source_type, d.dataset_source"
                      + " FROM datasets d WHERE d.name = ? OR d.dataset_source LIKE ? ESCAPE '!'")
              .bind(0, dataset.name())
              .bind(1, "%" + escapeLike(dataset.name()) + "%")
              .map((rs, ctx) -> MlflowDatasets.node(dataset(rs)))
              .list()
              .stream()
              .filter(v -> v.version() != null && v.unversioned().equals(dataset))
              .distinct()
              .map(v -> new LineageEdge(dataset, v, Relation.VERSION))
              .toList());
    }
    return edges;
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /**
   * An MLflow dataset version → its identity, when OpenLineage knows that identity (otherwise the
   * identity would be a node nothing else refers to).
   */
  private static List<LineageEdge> identitiesOfVersions(Handle h, Set<NodeId> nodes) {
    List<String> identities = new ArrayList<>();
    Map<String, List<NodeId.Dataset>> versionsByIdentity = new LinkedHashMap<>();
    for (NodeId node : nodes) {
      if (node instanceof NodeId.Dataset d && d.version() != null) {
        String identity = d.unversioned().id();
        if (!versionsByIdentity.containsKey(identity)) {
          identities.add(identity);
        }
        versionsByIdentity.computeIfAbsent(identity, k -> new ArrayList<>()).add(d);
      }
    }
    List<String> known =
        inChunks(
            identities,
            chunk ->
                bound(
                        h.createQuery(
                            "SELECT node_id FROM lineage_nodes WHERE node_id IN ("
                                + placeholders(chunk.size())
                                + ")"),
                        chunk)
                    .mapTo(String.class)
                    .list());
    List<LineageEdge> edges = new ArrayList<>();
    for (String identity : known) {
      for (NodeId.Dataset version : versionsByIdentity.get(identity)) {
        edges.add(new LineageEdge(version.unversioned(), version, Relation.VERSION));
      }
    }
    return edges;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<NodeId, Map<String, Object>> describe(Set<NodeId> nodes) {
    if (nodes.isEmpty()) {
      return Map.of();
    }
    return db.read(
        h -> {
          Map<NodeId, Map<String, Object>> details = new LinkedHashMap<>();
          List<String> ids = nodes.stream().map(NodeId::id).toList();
          for (Map.Entry<String, String> row :
              inChunks(
                  ids,
                  chunk ->
                      bound(
                              h.createQuery(
                                  "SELECT node_id, data FROM lineage_nodes WHERE node_id IN ("
                                      + placeholders(chunk.size())
                                      + ")"),
                              chunk)
                          .map(
                              (rs, ctx) -> Map.entry(rs.getString("node_id"), rs.getString("data")))
                          .list())) {
            details.put(
                NodeId.parse(row.getKey()),
                new LinkedHashMap<>((Map<String, Object>) CanonicalJson.parse(row.getValue())));
          }
          describeRuns(h, nodes, details);
          describeCode(h, nodes, details);
          DerivedLineage.describe(h, nodes, details);
          return details;
        });
  }

  private static void describeRuns(
      Handle h, Set<NodeId> nodes, Map<NodeId, Map<String, Object>> details) {
    List<String> runIds = ofType(nodes, NodeId.Run.class, NodeId.Run::runId);
    inChunks(
            runIds,
            chunk ->
                bound(
                        h.createQuery(
                            "SELECT run_uuid, name, experiment_id, user_id, status, start_time,"
                                + " end_time, lifecycle_stage FROM runs WHERE run_uuid IN ("
                                + placeholders(chunk.size())
                                + ")"),
                        chunk)
                    .map(
                        (rs, ctx) -> {
                          Map<String, Object> data = new LinkedHashMap<>();
                          data.put("runName", rs.getString("name"));
                          data.put("experimentId", rs.getString("experiment_id"));
                          data.put("userId", rs.getString("user_id"));
                          data.put("status", rs.getString("status"));
                          data.put("startTime", rs.getLong("start_time"));
                          long end = rs.getLong("end_time");
                          data.put("endTime", rs.wasNull() ? null : end);
                          data.put("lifecycleStage", rs.getString("lifecycle_stage"));
                          return Map.entry(new NodeId.Run(rs.getString("run_uuid")), data);
                        })
                    .list())
        .forEach(
            e ->
                details
                    .computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                    .putAll(e.getValue()));
  }

  private static void describeCode(
      Handle h, Set<NodeId> nodes, Map<NodeId, Map<String, Object>> details) {
    for (String commit : ofType(nodes, NodeId.Code.class, NodeId.Code::commit)) {
      h.createQuery(
              "SELECT r.value FROM tags c JOIN tags r ON r.run_uuid = c.run_uuid AND r.key = ?"
                  + " WHERE c.key = ? AND c.value = ? LIMIT 1")
          .bind(0, GIT_REPO_TAG)
          .bind(1, GIT_COMMIT_TAG)
          .bind(2, commit)
          .mapTo(String.class)
          .findOne()
          .ifPresent(
              repo ->
                  details
                      .computeIfAbsent(new NodeId.Code(commit), k -> new LinkedHashMap<>())
                      .put("repoURL", repo));
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static Dataset dataset(ResultSet rs) throws SQLException {
    return new Dataset(
        rs.getString("name"),
        rs.getString("digest"),
        rs.getString("dataset_source_type"),
        rs.getString("dataset_source"),
        null,
        null);
  }

  private static <T extends NodeId> List<String> ofType(
      Collection<NodeId> nodes, Class<T> type, Function<T, String> key) {
    return nodes.stream().filter(type::isInstance).map(type::cast).map(key).toList();
  }

  private static <T> List<T> inChunks(List<String> values, Function<List<String>, List<T>> query) {
    List<T> all = new ArrayList<>();
    for (int i = 0; i < values.size(); i += IN_LIST) {
      all.addAll(query.apply(values.subList(i, Math.min(values.size(), i + IN_LIST))));
    }
    return all;
  }

  private static Query bound(Query query, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      query.bind(i, values.get(i));
    }
    return query;
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
