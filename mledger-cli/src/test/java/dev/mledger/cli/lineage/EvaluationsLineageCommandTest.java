package dev.mledger.cli.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.Main;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.llm.NewScore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mledger lineage evaluations} and {@code lineage show} on prompt and envelope nodes. */
class EvaluationsLineageCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  String runId;

  @BeforeEach
  void seed() {
    try (Stores stores = Stores.open("sqlite:///" + dir.resolve("mledger.db"), "/tmp/a")) {
      trace(stores, 1, "prompts:/qa/1", 0.25);
      trace(stores, 2, "prompts:/qa/2", 1.0);
      trace(stores, 3, "prompts:/qa/2", 0.5);
      runId =
          stores
              .tracking()
              .createRun(new NewRun("0", "alice", 1_000L, "train", List.of()))
              .info()
              .runId();
      stores.tracking().setTag(runId, new RunTag("mledger.envelope.git_commit", "c0ffee"));
      stores
          .tracking()
          .setTag(runId, new RunTag("mledger.envelope.environment_fingerprint", "f".repeat(64)));
      stores.tracking().setTag(runId, new RunTag("mledger.prompt.version", "prompts:/qa/2"));
    }
  }

  private static void trace(Stores stores, int n, String prompt, double relevance) {
    String traceId = String.format("%032x", n);
    stores
        .llm()
        .ingestSpans(
            List.of(
                new Span(
                    traceId,
                    "00000000000000a1",
                    null,
                    "answer",
                    SpanKind.SERVER,
                    n * 1_000_000_000L,
                    n * 1_000_000_000L + 1_000,
                    SpanStatus.OK,
                    "",
                    Map.of(
                        "mledger.eval.set", "golden",
                        "mledger.prompt.version", prompt,
                        "gen_ai.request.model", "gpt-4o-mini"),
                    Map.of())));
    stores
        .llm()
        .logScore(
            new NewScore(
                traceId,
                null,
                "relevance",
                new ScoreValue.Numeric(relevance),
                new ScoreSource.Human("ann"),
                null));
  }

  int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void listsTriplesWithTheirScores() throws Exception {
    assertThat(run("lineage", "evaluations", "--data", dir.toString())).isZero();
    assertThat(out.toString())
        .contains("EVAL SET")
        .containsPattern("golden +prompts:/qa/1 +gpt-4o-mini +1  relevance 0\\.2500 \\(n=1\\)")
        .containsPattern("golden +prompts:/qa/2 +gpt-4o-mini +2  relevance 0\\.7500 \\(n=2\\)");

    out.getBuffer().setLength(0);
    assertThat(
            run(
                "lineage",
                "evaluations",
                "--prompt",
                "prompts:/qa/2",
                "--json",
                "--data",
                dir.toString()))
        .isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.path("evaluations")).hasSize(1);
    assertThat(json.path("evaluations").get(0).path("node_id").asText())
        .isEqualTo("evaluation:golden/qa@2/gpt-4o-mini");
    assertThat(json.path("evaluations").get(0).path("scores").get(0).path("mean").asDouble())
        .isEqualTo(0.75);
  }

  @Test
  void showWalksPromptVersionsToRunsAndEvaluations() {
    assertThat(run("lineage", "show", "prompt:qa/2", "--downstream", "--data", dir.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("prompt:qa/2")
        .contains("evaluation:golden/qa@2/gpt-4o-mini (prompt)")
        .contains("run:" + runId + " (prompt)");

    out.getBuffer().setLength(0);
    assertThat(run("lineage", "show", "run:" + runId, "--upstream", "--data", dir.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("code:c0ffee (code)")
        .contains("environment:" + "f".repeat(64) + " (environment)")
        .contains("prompt:qa/2 (prompt)");
  }

  @Test
  void changesReportsLaterCommitsOfTheTrainingExperiment() throws Exception {
    try (Stores stores = Stores.open("sqlite:///" + dir.resolve("mledger.db"), "/tmp/a")) {
      ShowLineageCommandTest.edge(
          stores, "run:" + runId, "model:bot/1", dev.mledger.core.lineage.Relation.TRAINED);
      String later =
          stores
              .tracking()
              .createRun(new NewRun("0", "alice", 9_000L, "later", List.of()))
              .info()
              .runId();
      stores.tracking().setTag(later, new RunTag("mlflow.source.git.commit", "beef"));
    }
    assertThat(run("lineage", "changes", "model:bot/1", "--data", dir.toString())).isZero();
    assertThat(out.toString()).containsPattern("code_version +code:c0ffee -> code:beef");

    out.getBuffer().setLength(0);
    assertThat(run("lineage", "changes", "model:bot/1", "--json", "--data", dir.toString()))
        .isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.path("changes").get(0).path("newer_commit").asText()).isEqualTo("beef");
    assertThat(run("lineage", "changes", "run:x", "--data", dir.toString())).isNotZero();
    assertThat(err.toString()).contains("defined for model versions");
  }

  @Test
  void emptyStoreSaysSoAndBadNodeIsOneLine() {
    Path empty = dir.resolve("empty");
    Stores.open("sqlite:///" + empty.resolve("mledger.db"), "/tmp/a").close();
    assertThat(run("lineage", "evaluations", "--data", empty.toString())).isZero();
    assertThat(out.toString()).contains("no evaluations recorded");
    assertThat(run("lineage", "show", "prompt:qa/zero", "--data", dir.toString())).isNotZero();
    assertThat(err.toString().strip())
        .startsWith("mledger: ")
        .contains("not a positive integer")
        .doesNotContain("\n");
  }
}
