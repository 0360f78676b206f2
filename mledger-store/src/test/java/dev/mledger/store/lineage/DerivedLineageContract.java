package dev.mledger.store.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.core.lineage.DependencyClosure;
import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.llm.EvaluationTriple;
import dev.mledger.core.llm.PromptTemplate;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.dataset.NewDatasetVersion;
import dev.mledger.store.llm.NewPromptVersion;
import dev.mledger.store.llm.NewScore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lineage derived from envelopes (code, environment), prompt tags on runs and LLM evaluations
 * (dataset → evaluation ← prompt, evaluation → model); subclasses supply the database.
 */
public abstract class DerivedLineageContract {
  private static final String ENV = "e".repeat(64);
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  protected Stores stores;
  protected LineageStore lineage;

  protected abstract Stores openEmptyStores();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    lineage = stores.lineage();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private Set<String> neighbours(String node, Direction direction) {
    return lineage.edges(Set.of(NodeId.parse(node)), direction).stream()
        .map(e -> (direction == Direction.UPSTREAM ? e.from() : e.to()).id())
        .collect(Collectors.toSet());
  }

  private String run(String name, Map<String, String> tags) {
    String runId =
        stores
            .tracking()
            .createRun(new NewRun("0", "alice", 1_000L, name, List.of()))
            .info()
            .runId();
    tags.forEach((k, v) -> stores.tracking().setTag(runId, new RunTag(k, v)));
    return runId;
  }

  /** One trace of eval set {@code set}: root carrying the attributes, one chat span below. */
  private void trace(String traceId, String set, String prompt, String model, double score) {
    Map<String, Object> root = new HashMap<>();
    root.put("mledger.eval.set", set);
    root.put("mledger.eval.example_id", traceId.substring(0, 4));
    if (prompt != null) {
      root.put("mledger.prompt.version", prompt);
    }
    if (model != null && model.startsWith("models:/")) {
      root.put("mledger.model.version", model);
    }
    Map<String, Object> chat = new HashMap<>();
    chat.put("gen_ai.operation.name", "chat");
    chat.put("gen_ai.request.model", "gpt-4o-mini");
    Map<String, Object> judge = new HashMap<>();
    judge.put("gen_ai.request.model", "judge-llm");
    judge.put("mledger.judge.model", "judge-llm");
    stores
        .llm()
        .ingestSpans(
            List.of(
                span(traceId, "a000000000000001", null, 0, root),
                span(traceId, "a000000000000002", "a000000000000001", 1, judge),
                span(traceId, "a000000000000003", "a000000000000001", 2, chat)));
    stores
        .llm()
        .logScore(
            new NewScore(
                traceId,
                null,
                "relevance",
                new ScoreValue.Numeric(score),
                new ScoreSource.Human("ann"),
                null));
    stores
        .llm()
        .logScore(
            new NewScore(
                traceId,
                null,
                "verdict",
                new ScoreValue.Categorical(score >= 0.5 ? "good" : "bad"),
                new ScoreSource.Code("rule"),
                null));
  }

  private static Span span(
      String traceId, String id, String parent, long start, Map<String, Object> attributes) {
    return new Span(
        traceId,
        id,
        parent,
        parent == null ? "answer" : "call",
        parent == null ? SpanKind.SERVER : SpanKind.CLIENT,
        start * 1_000_000,
        (start + 10) * 1_000_000,
        SpanStatus.OK,
        "",
        attributes,
        Map.of("service.name", "qa-bot"));
  }

  private void prompt(String name, int versions) {
    for (int v = 1; v <= versions; v++) {
      stores
          .llm()
          .createPromptVersion(
              new NewPromptVersion(
                  name, new PromptTemplate("Answer {{q}} v" + v), "v" + v, Map.of(), "bob", null));
    }
  }

  @Test
  void envelopeTagsLinkCodeAndEnvironmentToTheRunAndIntoTheModelClosure() {
    String runId =
        run(
            "train",
            Map.of(
                "mledger.envelope.git_commit",
                COMMIT,
                "mledger.envelope.environment_fingerprint",
                ENV,
                "mledger.envelope.java",
                "Temurin 17",
                "mledger.envelope.os",
                "Linux 6.1 amd64"));
    String other =
        run("other", Map.of("mledger.envelope.git_commit", "unknown")); // never a code node
    lineage.addEdge(
        new LineageEdge(new NodeId.Run(runId), new NodeId.Model("churn", 1), Relation.TRAINED));

    assertThat(neighbours("run:" + runId, Direction.UPSTREAM))
        .containsExactlyInAnyOrder("code:" + COMMIT, "environment:" + ENV);
    assertThat(neighbours("run:" + other, Direction.UPSTREAM)).isEmpty();
    assertThat(neighbours("environment:" + ENV, Direction.DOWNSTREAM))
        .containsExactly("run:" + runId);
    assertThat(neighbours("code:" + COMMIT, Direction.DOWNSTREAM)).containsExactly("run:" + runId);
    assertThat(
            lineage.describe(Set.of(new NodeId.Environment(ENV))).get(new NodeId.Environment(ENV)))
        .containsEntry("java", "Temurin 17")
        .containsEntry("os", "Linux 6.1 amd64")
        .containsEntry("runs", 1);

    DependencyClosure closure =
        LineageSources.graph(lineage, null).dependencyClosure(new NodeId.Model("churn", 1));
    assertThat(closure.code()).containsExactly(new NodeId.Code(COMMIT));
    assertThat(closure.environments()).containsExactly(new NodeId.Environment(ENV));
  }

  private void dataset(String name, String hash) {
    stores
        .datasets()
        .add(
            new NewDatasetVersion(
                name,
                null,
                VersionBump.MINOR,
                DatasetKind.FILE,
                name + ".csv",
                List.of(new ManifestEntry(name + ".csv", 3, hash)),
                new Provenance(null, null, null, List.of(), null, "alice"),
                List.of(),
                null),
            "alice");
  }

  @Test
  void newerDatasetVersionsAndLaterCommitsAreUpstreamChanges() {
    dataset("train", "a".repeat(64));
    String trained =
        run(
            "train",
            Map.of("mledger.envelope.git_commit", COMMIT, "mlflow.source.git.commit", COMMIT));
    String trainNode = "dataset:mledger:%2F%2Fdatasets/train/versions/1.0.0@" + "a".repeat(32);
    lineage.addEdge(
        new LineageEdge(NodeId.parse(trainNode), new NodeId.Run(trained), Relation.INPUT));
    lineage.addEdge(
        new LineageEdge(new NodeId.Run(trained), new NodeId.Model("churn", 1), Relation.TRAINED));
    DependencyClosure closure =
        LineageSources.graph(lineage, null).dependencyClosure(new NodeId.Model("churn", 1));
    assertThat(lineage.upstreamChanges(closure)).isEmpty();

    dataset("train", "b".repeat(64));
    stores
        .tracking()
        .createRun(new dev.mledger.store.NewRun("0", "alice", 500L, "older", List.of()));
    String later =
        stores
            .tracking()
            .createRun(new dev.mledger.store.NewRun("0", "alice", 2_000L, "later", List.of()))
            .info()
            .runId();
    stores.tracking().setTag(later, new RunTag("mlflow.source.git.commit", "feedbeef"));

    List<dev.mledger.core.lineage.UpstreamChange> changes = lineage.upstreamChanges(closure);

    assertThat(changes)
        .extracting(c -> c.kind() + " " + c.used().id() + " -> " + c.newer().id())
        .containsExactly(
            "dataset_version "
                + trainNode
                + " -> dataset:mledger:%2F%2Fdatasets/train/versions/1.1.0@"
                + "b".repeat(32),
            "code_version code:" + COMMIT + " -> code:feedbeef");
    assertThat(changes.get(0).toJson())
        .containsEntry("used_version", "1.0.0")
        .containsEntry("newer_version", "1.1.0");
    assertThat(changes.get(1).toJson())
        .containsEntry("first_run", later)
        .containsEntry("used_run", trained);
  }

  @Test
  void promptVersionsUsedByRunsAreUpstreamOfThem() {
    prompt("qa", 2);
    String runId = run("rag", Map.of("mledger.prompt.version", "prompts:/qa/2, prompts:/sys/1"));
    run("alias-only", Map.of("mledger.prompt.version", "prompts:/qa@production"));

    assertThat(neighbours("run:" + runId, Direction.UPSTREAM))
        .containsExactlyInAnyOrder("prompt:qa/2", "prompt:sys/1");
    assertThat(neighbours("prompt:qa/2", Direction.DOWNSTREAM)).containsExactly("run:" + runId);
    assertThat(neighbours("prompt:qa/1", Direction.DOWNSTREAM)).isEmpty();
    assertThat(lineage.describe(Set.of(new NodeId.Prompt("qa", 2))).get(new NodeId.Prompt("qa", 2)))
        .containsEntry("uri", "prompts:/qa/2")
        .containsEntry("commitMessage", "v2");
  }

  @Test
  void evaluationsLinkDatasetAndPromptToTheModelAndListAsTriples() {
    prompt("qa", 2);
    stores
        .datasets()
        .add(
            new NewDatasetVersion(
                "golden",
                null,
                VersionBump.MINOR,
                DatasetKind.FILE,
                "golden.csv",
                List.of(new ManifestEntry("golden.csv", 3, "c".repeat(64))),
                new Provenance(null, null, null, List.of(), null, "alice"),
                List.of(),
                null),
            "alice");
    String goldenVersion =
        stores.datasets().versions("golden").get(0).sha256(); // the version's tree hash
    trace(
        "10000000000000000000000000000001", "golden@1.0.0", "prompts:/qa/1", "models:/bot/3", 0.4);
    trace(
        "20000000000000000000000000000002", "golden@1.0.0", "prompts:/qa/2", "models:/bot/3", 0.9);
    trace(
        "30000000000000000000000000000003", "golden@1.0.0", "prompts:/qa/2", "models:/bot/3", 0.7);
    trace("40000000000000000000000000000004", "smoke", "prompts:/qa/2", null, 1.0);

    String golden =
        "dataset:mledger:%2F%2Fdatasets/golden/versions/1.0.0@" + goldenVersion.substring(0, 32);
    String eval1 = "evaluation:golden@1.0.0/qa@1/models:%2Fbot%2F3";
    String eval2 = "evaluation:golden@1.0.0/qa@2/models:%2Fbot%2F3";
    String smoke = "evaluation:smoke/qa@2/gpt-4o-mini";

    assertThat(neighbours("model:bot/3", Direction.UPSTREAM))
        .containsExactlyInAnyOrder(eval1, eval2);
    assertThat(neighbours(eval2, Direction.UPSTREAM))
        .containsExactlyInAnyOrder(golden, "prompt:qa/2");
    assertThat(neighbours(eval2, Direction.DOWNSTREAM)).containsExactly("model:bot/3");
    assertThat(neighbours("prompt:qa/2", Direction.DOWNSTREAM))
        .containsExactlyInAnyOrder(eval2, smoke);
    assertThat(neighbours(golden, Direction.DOWNSTREAM)).containsExactlyInAnyOrder(eval1, eval2);
    assertThat(neighbours("dataset:mledger-eval/smoke", Direction.DOWNSTREAM))
        .containsExactly(smoke);
    assertThat(neighbours(smoke, Direction.DOWNSTREAM)).isEmpty();
    assertThat(lineage.describe(Set.of(NodeId.parse(eval2))).get(NodeId.parse(eval2)))
        .containsEntry("traces", 2L);

    DependencyClosure closure =
        LineageSources.graph(lineage, null).dependencyClosure(new NodeId.Model("bot", 3));
    assertThat(closure.prompts())
        .containsExactly(new NodeId.Prompt("qa", 1), new NodeId.Prompt("qa", 2));
    assertThat(closure.evaluations()).extracting(NodeId::id).containsExactly(eval1, eval2);
    assertThat(closure.datasets()).extracting(NodeId::id).containsExactly(golden);

    List<EvaluationTriple> triples = stores.llm().evaluationTriples(null, null, null);
    assertThat(triples)
        .extracting(t -> t.evalSet() + " " + t.promptVersion() + " " + t.model() + " " + t.traces())
        .containsExactly(
            "golden@1.0.0 prompts:/qa/1 models:/bot/3 1",
            "golden@1.0.0 prompts:/qa/2 models:/bot/3 2",
            "smoke prompts:/qa/2 gpt-4o-mini 1");
    EvaluationTriple best = triples.get(1);
    assertThat(best.scores())
        .extracting(EvaluationTriple.ScoreSummary::name)
        .containsExactly("relevance", "verdict");
    assertThat(best.scores().get(0).mean())
        .isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(best.scores().get(0).count()).isEqualTo(2);
    assertThat(best.scores().get(1).mean()).isNull();
    assertThat(best.scores().get(1).labels()).containsEntry("good", 2L);
    assertThat(stores.llm().evaluationTriples("golden@1.0.0", "prompts:/qa/1", null)).hasSize(1);
    assertThat(stores.llm().evaluationTriples(null, null, "gpt-4o-mini"))
        .extracting(EvaluationTriple::evalSet)
        .containsExactly("smoke");
  }
}
