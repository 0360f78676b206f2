package dev.mledger.store.lineage;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.LineageSource;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.search.ModelVersionFilterParser;
import dev.mledger.core.tracking.Page;
import dev.mledger.store.registry.ModelRegistryStore;
import dev.mledger.store.registry.ModelVersionSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Model-version lineage derived from the registry at query time: the run that trained a version
 * ({@code run_id}) → the version, and its source artifact → the version. Nothing is copied, so the
 * graph follows registrations, deletions and renames as they happen.
 */
public final class RegistryLineageSource implements LineageSource {
  /** MLflow run ids are hex; other text cannot be a registered version's run. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final int PAGE = 1_000;
  private static final int RUNS_PER_QUERY = 100;

  private final ModelRegistryStore registry;

  public RegistryLineageSource(ModelRegistryStore registry) {
    this.registry = registry;
  }

  @Override
  public List<LineageEdge> edges(Set<NodeId> nodes, Direction direction) {
    List<LineageEdge> edges = new ArrayList<>();
    if (direction == Direction.UPSTREAM) {
      for (NodeId node : nodes) {
        if (node instanceof NodeId.Model model) {
          version(model).ifPresent(v -> edges.addAll(upstreamOf(model, v)));
        }
      }
      return edges;
    }
    List<String> runIds =
        nodes.stream()
            .filter(NodeId.Run.class::isInstance)
            .map(n -> ((NodeId.Run) n).runId())
            // MLflow lower-cases nothing: ids with upper case cannot be in a run_id IN list.
            .filter(id -> RUN_ID.matcher(id).matches() && id.equals(id.toLowerCase()))
            .toList();
    for (int i = 0; i < runIds.size(); i += RUNS_PER_QUERY) {
      List<String> chunk = runIds.subList(i, Math.min(runIds.size(), i + RUNS_PER_QUERY));
      String filter =
          "run_id IN ("
              + chunk.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","))
              + ")";
      for (ModelVersion v : allVersions(filter)) {
        edges.add(
            new LineageEdge(
                new NodeId.Run(v.runId()),
                new NodeId.Model(v.name(), v.versionNumber()),
                Relation.TRAINED));
      }
    }
    return edges;
  }

  private static List<LineageEdge> upstreamOf(NodeId.Model model, ModelVersion v) {
    List<LineageEdge> edges = new ArrayList<>();
    if (v.runId() != null && !v.runId().isEmpty()) {
      edges.add(new LineageEdge(new NodeId.Run(v.runId()), model, Relation.TRAINED));
    }
    if (v.source() != null && !v.source().isEmpty()) {
      edges.add(new LineageEdge(new NodeId.Artifact(v.source()), model, Relation.ARTIFACT));
    }
    return edges;
  }

  private List<ModelVersion> allVersions(String filter) {
    List<ModelVersion> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      Page<ModelVersion> page =
          registry.searchModelVersions(
              new ModelVersionSearch(
                  ModelVersionFilterParser.parse(filter), PAGE, List.of(), offset));
      all.addAll(page.items());
      if (page.nextPageToken() == null || page.items().isEmpty()) {
        return all;
      }
      offset += page.items().size();
    }
  }

  @Override
  public Map<NodeId, Map<String, Object>> describe(Set<NodeId> nodes) {
    Map<NodeId, Map<String, Object>> details = new LinkedHashMap<>();
    for (NodeId node : nodes) {
      if (node instanceof NodeId.Model model) {
        version(model).ifPresent(v -> details.put(model, describe(v)));
      }
    }
    return details;
  }

  private static Map<String, Object> describe(ModelVersion v) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("stage", v.currentStage().wireName());
    data.put("status", v.status().name());
    data.put("aliases", v.aliases());
    data.put("source", v.source());
    data.put("runId", v.runId());
    data.put("creationTimestamp", v.creationTimestamp());
    if (v.description() != null && !v.description().isEmpty()) {
      data.put("description", v.description());
    }
    return data;
  }

  private Optional<ModelVersion> version(NodeId.Model model) {
    try {
      return Optional.of(registry.getModelVersion(model.name(), model.version()));
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
