package dev.mledger.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a model version needs, transitively: the datasets (with their versions), the runs and
 * jobs that produced them, the code versions they ran and the artifacts they read, and any model
 * versions upstream (e.g. a base model that was fine-tuned). Each list is sorted by node id.
 *
 * @param complete false when the walk hit {@link LineageGraph#MAX_NODES} and more may exist
 */
public record DependencyClosure(
    NodeId.Model model,
    List<NodeId.Dataset> datasets,
    List<NodeId.Run> runs,
    List<NodeId.Job> jobs,
    List<NodeId.Code> code,
    List<NodeId.Artifact> artifacts,
    List<NodeId.Model> models,
    boolean complete) {

  public DependencyClosure {
    datasets = List.copyOf(datasets);
    runs = List.copyOf(runs);
    jobs = List.copyOf(jobs);
    code = List.copyOf(code);
    artifacts = List.copyOf(artifacts);
    models = List.copyOf(models);
  }

  /** The closure of {@code model} from its unbounded upstream subgraph. */
  public static DependencyClosure of(NodeId.Model model, Subgraph upstream) {
    List<NodeId.Dataset> datasets = new ArrayList<>();
    List<NodeId.Run> runs = new ArrayList<>();
    List<NodeId.Job> jobs = new ArrayList<>();
    List<NodeId.Code> code = new ArrayList<>();
    List<NodeId.Artifact> artifacts = new ArrayList<>();
    List<NodeId.Model> models = new ArrayList<>();
    for (NodeId node : upstream.nodes()) {
      if (node.equals(model)) {
        continue;
      }
      if (node instanceof NodeId.Dataset d) {
        datasets.add(d);
      } else if (node instanceof NodeId.Run r) {
        runs.add(r);
      } else if (node instanceof NodeId.Job j) {
        jobs.add(j);
      } else if (node instanceof NodeId.Code c) {
        code.add(c);
      } else if (node instanceof NodeId.Artifact a) {
        artifacts.add(a);
      } else if (node instanceof NodeId.Model m) {
        models.add(m);
      }
      // An endpoint upstream of a model (e.g. a teacher serving labels) is not a build input.
    }
    datasets.sort(null);
    runs.sort(null);
    jobs.sort(null);
    code.sort(null);
    artifacts.sort(null);
    models.sort(null);
    return new DependencyClosure(
        model, datasets, runs, jobs, code, artifacts, models, !upstream.truncated());
  }

  /** A JSON-ready view: {@code model}, one list of ids per kind, {@code complete}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model.id());
    json.put("datasets", ids(datasets));
    json.put("runs", ids(runs));
    json.put("jobs", ids(jobs));
    json.put("code", ids(code));
    json.put("artifacts", ids(artifacts));
    json.put("models", ids(models));
    json.put("complete", complete);
    return json;
  }

  private static List<String> ids(List<? extends NodeId> nodes) {
    return nodes.stream().map(NodeId::id).toList();
  }
}
