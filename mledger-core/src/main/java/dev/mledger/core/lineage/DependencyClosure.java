package dev.mledger.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a model version needs, transitively: the datasets (with their versions), the runs and
 * jobs that produced them, the code versions they ran, the software environments they ran in, the
 * artifacts they read, the prompt versions and evaluations behind it, and any model versions
 * upstream (e.g. a base model that was fine-tuned). Each list is sorted by node id.
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
    List<NodeId.Environment> environments,
    List<NodeId.Prompt> prompts,
    List<NodeId.Evaluation> evaluations,
    boolean complete) {

  public DependencyClosure {
    environments = List.copyOf(environments);
    prompts = List.copyOf(prompts);
    evaluations = List.copyOf(evaluations);
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
    List<NodeId.Environment> environments = new ArrayList<>();
    List<NodeId.Prompt> prompts = new ArrayList<>();
    List<NodeId.Evaluation> evaluations = new ArrayList<>();
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
      } else if (node instanceof NodeId.Environment e) {
        environments.add(e);
      } else if (node instanceof NodeId.Prompt p) {
        prompts.add(p);
      } else if (node instanceof NodeId.Evaluation e) {
        evaluations.add(e);
      }
      // An endpoint upstream of a model (e.g. a teacher serving labels) is not a build input.
    }
    datasets.sort(null);
    runs.sort(null);
    jobs.sort(null);
    code.sort(null);
    artifacts.sort(null);
    models.sort(null);
    environments.sort(null);
    prompts.sort(null);
    evaluations.sort(null);
    return new DependencyClosure(
        model,
        datasets,
        runs,
        jobs,
        code,
        artifacts,
        models,
        environments,
        prompts,
        evaluations,
        !upstream.truncated());
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
    json.put("environments", ids(environments));
    json.put("prompts", ids(prompts));
    json.put("evaluations", ids(evaluations));
    json.put("complete", complete);
    return json;
  }

  private static List<String> ids(List<? extends NodeId> nodes) {
    return nodes.stream().map(NodeId::id).toList();
  }
}
