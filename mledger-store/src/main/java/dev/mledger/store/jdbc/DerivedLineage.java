package dev.mledger.store.jdbc;

import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.envelope.EnvelopeTags;
import dev.mledger.core.lineage.DependencyClosure;
import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.lineage.UpstreamChange;
import dev.mledger.core.llm.GenAiAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Lineage derived at query time from envelopes and LLM evaluations, next to the tracking-derived
 * edges of {@link JdbcLineageStore}:
 *
 * <ul>
 *   <li>a run's envelope (its mirror tags): the code version ({@code mledger.envelope.git_commit})
 *       and the software environment ({@code mledger.envelope.environment_fingerprint}) → the run;
 *   <li>a run tag {@code mledger.prompt.version} (one prompt version URI or several,
 *       comma-separated) → prompt version → the run;
 *   <li>LLM traces with an evaluation set: evaluation set dataset → evaluation ← prompt version,
 *       and evaluation → model version when the traces name a registered model ({@code
 *       mledger.model.version = models:/NAME/VERSION}).
 * </ul>
 *
 * <p>An evaluation set names a dataset node: a lineage dataset id ({@code dataset:NS/NAME@V}) as
 * is; {@code NAME@VERSION} of an mledger dataset version as the node {@code mledger data add --run}
 * logs for it; anything else as {@code dataset:mledger-eval/SET}.
 */
final class DerivedLineage {
  /** Run tag naming the prompt versions a run used. */
  static final String PROMPT_TAG = GenAiAttributes.PROMPT_VERSION;

  /** Namespace of evaluation sets that name no dataset. */
  static final String EVAL_NAMESPACE = "mledger-eval";

  private static final String MLEDGER_DATASETS = "mledger://datasets";
  private static final Pattern MLEDGER_VERSION_NAME = Pattern.compile("(.+)/versions/([^/]+)");
  private static final Pattern NAME_AT_VERSION = Pattern.compile("([^@/]+)@([0-9][^@/]*)");
  private static final Pattern MODEL_URI = Pattern.compile("models:/(.+)/([1-9][0-9]*)");
  // Matches the digest length `mledger data add --run` logs (MLflow's dataset digest column).
  private static final int MLFLOW_DIGEST_LENGTH = 32;

  private DerivedLineage() {}

  static List<LineageEdge> edges(Handle h, Set<NodeId> nodes, Direction direction) {
    List<LineageEdge> edges = new ArrayList<>();
    for (NodeId node : nodes) {
      if (direction == Direction.UPSTREAM) {
        upstream(h, node, edges);
      } else {
        downstream(h, node, edges);
      }
    }
    return edges;
  }

  private static void upstream(Handle h, NodeId node, List<LineageEdge> edges) {
    if (node instanceof NodeId.Run run) {
      for (Map.Entry<String, String> tag : runTags(h, run.runId()).entrySet()) {
        String value = tag.getValue();
        switch (tag.getKey()) {
          case EnvelopeTags.GIT_COMMIT -> {
            if (known(value)) {
              edges.add(new LineageEdge(new NodeId.Code(value), run, Relation.CODE));
            }
          }
          case EnvelopeTags.ENVIRONMENT_FINGERPRINT -> {
            if (known(value)) {
              edges.add(new LineageEdge(new NodeId.Environment(value), run, Relation.ENVIRONMENT));
            }
          }
          default -> {
            for (NodeId.Prompt prompt : prompts(value)) {
              edges.add(new LineageEdge(prompt, run, Relation.PROMPT));
            }
          }
        }
      }
    } else if (node instanceof NodeId.Evaluation e) {
      edges.add(new LineageEdge(evalSetNode(h, e.evalSet()), e, Relation.INPUT));
      if (e.prompt() != null) {
        edges.add(new LineageEdge(e.prompt(), e, Relation.PROMPT));
      }
    } else if (node instanceof NodeId.Model model) {
      String uri = "models:/" + model.name() + "/" + model.version();
      h.createQuery(
              "SELECT DISTINCT eval_set, prompt_version FROM llm_traces"
                  + " WHERE model = ? AND eval_set IS NOT NULL")
          .bind(0, uri)
          .map((rs, ctx) -> evaluation(rs.getString(1), rs.getString(2), uri))
          .forEach(e -> edges.add(new LineageEdge(e, model, Relation.EVALUATED)));
    }
  }

  private static void downstream(Handle h, NodeId node, List<LineageEdge> edges) {
    if (node instanceof NodeId.Code code) {
      runsTagged(h, EnvelopeTags.GIT_COMMIT, code.commit())
          .forEach(r -> edges.add(new LineageEdge(code, new NodeId.Run(r), Relation.CODE)));
    } else if (node instanceof NodeId.Environment env) {
      runsTagged(h, EnvelopeTags.ENVIRONMENT_FINGERPRINT, env.fingerprint())
          .forEach(r -> edges.add(new LineageEdge(env, new NodeId.Run(r), Relation.ENVIRONMENT)));
    } else if (node instanceof NodeId.Prompt prompt) {
      h.createQuery("SELECT run_uuid, value FROM tags WHERE key = ? AND value LIKE ? ESCAPE '!'")
          .bind(0, PROMPT_TAG)
          .bind(1, "%" + likeEscape(prompt.uri()) + "%")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(
              row -> {
                if (prompts(row.getValue()).contains(prompt)) {
                  edges.add(new LineageEdge(prompt, new NodeId.Run(row.getKey()), Relation.PROMPT));
                }
              });
      h.createQuery(
              "SELECT DISTINCT eval_set, model FROM llm_traces"
                  + " WHERE prompt_version = ? AND eval_set IS NOT NULL")
          .bind(0, prompt.uri())
          .map((rs, ctx) -> evaluation(rs.getString(1), prompt.uri(), rs.getString(2)))
          .forEach(e -> edges.add(new LineageEdge(prompt, e, Relation.PROMPT)));
    } else if (node instanceof NodeId.Dataset dataset) {
      for (String evalSet : evalSetsOf(dataset)) {
        h.createQuery("SELECT DISTINCT prompt_version, model FROM llm_traces WHERE eval_set = ?")
            .bind(0, evalSet)
            .map((rs, ctx) -> evaluation(evalSet, rs.getString(1), rs.getString(2)))
            .forEach(
                e -> {
                  if (evalSetNode(h, evalSet).equals(dataset)) {
                    edges.add(new LineageEdge(dataset, e, Relation.INPUT));
                  }
                });
      }
    } else if (node instanceof NodeId.Evaluation e) {
      registeredModel(e.model())
          .ifPresent(m -> edges.add(new LineageEdge(e, m, Relation.EVALUATED)));
    }
  }

  /** See {@code LineageStore.upstreamChanges}. */
  static List<UpstreamChange> upstreamChanges(Handle h, DependencyClosure closure) {
    List<UpstreamChange> changes = new ArrayList<>();
    for (NodeId.Dataset used : closure.datasets()) {
      Matcher m =
          MLEDGER_DATASETS.equals(used.namespace())
              ? MLEDGER_VERSION_NAME.matcher(used.name())
              : null;
      if (m == null || !m.matches()) {
        continue;
      }
      String name = m.group(1);
      SemanticVersion pinned;
      try {
        pinned = SemanticVersion.parse(m.group(2));
      } catch (RuntimeException e) {
        continue;
      }
      h.createQuery(
              "SELECT version, sha256, created_at FROM ds_versions WHERE name = ?"
                  + " ORDER BY major, minor, patch")
          .bind(0, name)
          .map(
              (rs, ctx) ->
                  new Object[] {
                    SemanticVersion.parse(rs.getString(1)), rs.getString(2), rs.getLong(3)
                  })
          .forEach(
              row -> {
                SemanticVersion version = (SemanticVersion) row[0];
                if (version.compareTo(pinned) > 0) {
                  Map<String, Object> details = new LinkedHashMap<>();
                  details.put("dataset", name);
                  details.put("used_version", pinned.toString());
                  details.put("newer_version", version.toString());
                  details.put("created_at", row[2]);
                  changes.add(
                      new UpstreamChange(
                          UpstreamChange.DATASET_VERSION,
                          used,
                          new NodeId.Dataset(
                              MLEDGER_DATASETS,
                              name + "/versions/" + version,
                              ((String) row[1]).substring(0, MLFLOW_DIGEST_LENGTH)),
                          details));
                }
              });
    }
    Set<String> commits = new java.util.HashSet<>();
    closure.code().forEach(c -> commits.add(c.commit()));
    for (NodeId.Run run : closure.runs()) {
      h.createQuery(
              "SELECT r.experiment_id, r.start_time, t.value FROM runs r JOIN tags t"
                  + " ON t.run_uuid = r.run_uuid AND t.key IN (?, ?) WHERE r.run_uuid = ?")
          .bind(0, JdbcLineageStore.GIT_COMMIT_TAG)
          .bind(1, EnvelopeTags.GIT_COMMIT)
          .bind(2, run.runId())
          .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)})
          .findFirst()
          .filter(row -> known((String) row[2]) && commits.contains((String) row[2]))
          .ifPresent(row -> laterCommits(h, run, row, changes));
    }
    return changes;
  }

  /** Code versions of runs in the same experiment that started after {@code run}. */
  private static void laterCommits(
      Handle h, NodeId.Run run, Object[] row, List<UpstreamChange> changes) {
    long experiment = (Long) row[0];
    long start = (Long) row[1];
    String commit = (String) row[2];
    Set<String> seen = new java.util.HashSet<>();
    h.createQuery(
            "SELECT r.run_uuid, r.start_time, t.value FROM runs r JOIN tags t"
                + " ON t.run_uuid = r.run_uuid AND t.key IN (?, ?)"
                + " WHERE r.experiment_id = ? AND r.start_time > ? AND t.value <> ?"
                + " AND r.lifecycle_stage = 'active' ORDER BY r.start_time, r.run_uuid")
        .bind(0, JdbcLineageStore.GIT_COMMIT_TAG)
        .bind(1, EnvelopeTags.GIT_COMMIT)
        .bind(2, experiment)
        .bind(3, start)
        .bind(4, commit)
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)})
        .forEach(
            later -> {
              String newer = (String) later[2];
              if (known(newer) && seen.add(newer)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("used_run", run.runId());
                details.put("used_commit", commit);
                details.put("newer_commit", newer);
                details.put("first_run", later[0]);
                details.put("first_run_start_time", later[1]);
                details.put("experiment_id", Long.toString(experiment));
                changes.add(
                    new UpstreamChange(
                        UpstreamChange.CODE_VERSION,
                        new NodeId.Code(commit),
                        new NodeId.Code(newer),
                        details));
              }
            });
  }

  /** What is known about environment, prompt and evaluation nodes. */
  static void describe(Handle h, Set<NodeId> nodes, Map<NodeId, Map<String, Object>> details) {
    for (NodeId node : nodes) {
      Map<String, Object> data = new LinkedHashMap<>();
      if (node instanceof NodeId.Environment env) {
        List<String> runs = runsTagged(h, EnvelopeTags.ENVIRONMENT_FINGERPRINT, env.fingerprint());
        if (!runs.isEmpty()) {
          Map<String, String> tags = runTags(h, runs.get(0));
          for (String key :
              List.of(
                  EnvelopeTags.JAVA,
                  EnvelopeTags.OS,
                  EnvelopeTags.CPU,
                  EnvelopeTags.GPU,
                  EnvelopeTags.DEPS_FINGERPRINT)) {
            if (tags.containsKey(key)) {
              data.put(key.substring(EnvelopeTags.PREFIX.length()), tags.get(key));
            }
          }
          data.put("runs", runs.size());
        }
      } else if (node instanceof NodeId.Prompt prompt) {
        h.createQuery(
                "SELECT commit_message, creation_time FROM llm_prompt_versions"
                    + " WHERE name = ? AND version = ?")
            .bind(0, prompt.name())
            .bind(1, prompt.version())
            .map(
                (rs, ctx) -> {
                  data.put("uri", prompt.uri());
                  data.put("commitMessage", rs.getString(1));
                  data.put("creationTime", rs.getLong(2));
                  return data;
                })
            .findFirst();
      } else if (node instanceof NodeId.Evaluation e) {
        StringBuilder sql =
            new StringBuilder(
                "SELECT COUNT(*), MIN(start_time_ns), MAX(start_time_ns) FROM llm_traces"
                    + " WHERE eval_set = ?");
        List<Object> args = new ArrayList<>(List.of(e.evalSet()));
        sql.append(e.prompt() == null ? " AND prompt_version IS NULL" : " AND prompt_version = ?");
        if (e.prompt() != null) {
          args.add(e.prompt().uri());
        }
        sql.append(e.model() == null ? " AND model IS NULL" : " AND model = ?");
        if (e.model() != null) {
          args.add(e.model());
        }
        var query = h.createQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
          query.bind(i, args.get(i));
        }
        query
            .map(
                (rs, ctx) -> {
                  if (rs.getLong(1) > 0) {
                    data.put("traces", rs.getLong(1));
                    data.put("firstStartTimeMs", rs.getLong(2) / 1_000_000);
                    data.put("lastStartTimeMs", rs.getLong(3) / 1_000_000);
                  }
                  return data;
                })
            .findFirst();
      }
      if (!data.isEmpty()) {
        details.computeIfAbsent(node, k -> new LinkedHashMap<>()).putAll(data);
      }
    }
  }

  /** The dataset node an evaluation set names (see the class comment). */
  static NodeId.Dataset evalSetNode(Handle h, String evalSet) {
    if (evalSet.startsWith("dataset:")) {
      try {
        if (NodeId.parse(evalSet) instanceof NodeId.Dataset d) {
          return d;
        }
      } catch (RuntimeException e) {
        // Not a node id after all: an evaluation set that merely starts like one.
      }
    }
    Matcher m = NAME_AT_VERSION.matcher(evalSet);
    if (m.matches()) {
      Optional<String> sha =
          h.createQuery("SELECT sha256 FROM ds_versions WHERE name = ? AND version = ?")
              .bind(0, m.group(1))
              .bind(1, m.group(2))
              .mapTo(String.class)
              .findFirst();
      if (sha.isPresent()) {
        return new NodeId.Dataset(
            MLEDGER_DATASETS,
            m.group(1) + "/versions/" + m.group(2),
            sha.get().substring(0, MLFLOW_DIGEST_LENGTH));
      }
    }
    return new NodeId.Dataset(EVAL_NAMESPACE, evalSet, null);
  }

  /** The evaluation sets that could name {@code dataset} (checked against evalSetNode after). */
  private static List<String> evalSetsOf(NodeId.Dataset dataset) {
    List<String> sets = new ArrayList<>();
    sets.add(dataset.id());
    if (MLEDGER_DATASETS.equals(dataset.namespace())) {
      Matcher m = MLEDGER_VERSION_NAME.matcher(dataset.name());
      if (m.matches()) {
        sets.add(m.group(1) + "@" + m.group(2));
      }
    } else if (EVAL_NAMESPACE.equals(dataset.namespace()) && dataset.version() == null) {
      sets.add(dataset.name());
    }
    return sets;
  }

  private static NodeId.Evaluation evaluation(String evalSet, String promptUri, String model) {
    List<NodeId.Prompt> prompt = prompts(promptUri);
    return new NodeId.Evaluation(evalSet, prompt.isEmpty() ? null : prompt.get(0), model);
  }

  /** {@code models:/NAME/VERSION} as a model node. */
  static Optional<NodeId.Model> registeredModel(String model) {
    if (model == null) {
      return Optional.empty();
    }
    Matcher m = MODEL_URI.matcher(model);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new NodeId.Model(m.group(1), Long.parseLong(m.group(2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Prompt version URIs ({@code prompts:/NAME/VERSION}, comma-separated); others are skipped. */
  static List<NodeId.Prompt> prompts(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<NodeId.Prompt> prompts = new ArrayList<>();
    for (String part : value.split(",")) {
      NodeId.Prompt.fromUri(part).ifPresent(prompts::add);
    }
    return prompts;
  }

  private static Map<String, String> runTags(Handle h, String runId) {
    Map<String, String> tags = new LinkedHashMap<>();
    h.createQuery(
            "SELECT key, value FROM tags WHERE run_uuid = ? AND key IN (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, runId)
        .bind(1, EnvelopeTags.GIT_COMMIT)
        .bind(2, EnvelopeTags.ENVIRONMENT_FINGERPRINT)
        .bind(3, PROMPT_TAG)
        .bind(4, EnvelopeTags.JAVA)
        .bind(5, EnvelopeTags.OS)
        .bind(6, EnvelopeTags.CPU)
        .bind(7, EnvelopeTags.GPU)
        .bind(8, EnvelopeTags.DEPS_FINGERPRINT)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> tags.put(e.getKey(), e.getValue()));
    return tags;
  }

  private static List<String> runsTagged(Handle h, String key, String value) {
    return h.createQuery("SELECT run_uuid FROM tags WHERE key = ? AND value = ? ORDER BY run_uuid")
        .bind(0, key)
        .bind(1, value)
        .mapTo(String.class)
        .list();
  }

  private static boolean known(String value) {
    return value != null && !value.isBlank() && !EnvelopeTags.UNKNOWN.equals(value);
  }

  private static String likeEscape(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
