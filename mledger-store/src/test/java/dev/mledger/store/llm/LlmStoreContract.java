package dev.mledger.store.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.Prompt;
import dev.mledger.core.llm.PromptTemplate;
import dev.mledger.core.llm.PromptUri;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.PromptVersionComparison;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.core.llm.TraceSummary;
import dev.mledger.core.llm.TraceTree;
import dev.mledger.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LlmStore} must do; subclasses supply the database. */
abstract class LlmStoreContract {
  private Stores stores;
  private LlmStore llm;

  protected abstract Stores openEmptyStores();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    llm = stores.llm();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private static NewPromptVersion version(String name, String template, String message) {
    return new NewPromptVersion(
        name, new PromptTemplate(template), message, Map.of("team", "qa"), "alice", "QA prompt");
  }

  private static ErrorCode codeOf(Throwable t) {
    return ((MledgerException) t).code();
  }

  @Test
  void versionsAreNumberedAndImmutableAndCreateThePrompt() {
    PromptVersion v1 = llm.createPromptVersion(version("qa", "Answer {{q}}", "first"));
    PromptVersion v2 = llm.createPromptVersion(version("qa", "Answer {{q}} briefly", "shorter"));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.commitMessage()).isEqualTo("shorter");
    assertThat(v2.tags()).containsEntry("team", "qa");
    assertThat(v2.createdBy()).isEqualTo("alice");
    Prompt prompt = llm.getPrompt("qa");
    assertThat(prompt.latestVersion()).isEqualTo(2);
    assertThat(prompt.description()).isEqualTo("QA prompt");
    assertThat(llm.getPromptVersion("qa", 1).template().text()).isEqualTo("Answer {{q}}");
    assertThat(llm.listPromptVersions("qa"))
        .extracting(PromptVersion::version)
        .containsExactly(2, 1);
    assertThat(llm.listPrompts(null)).extracting(Prompt::name).containsExactly("qa");
    assertThat(llm.listPrompts("x")).isEmpty();
  }

  @Test
  void duplicatePromptsAndUnknownNamesFailClearly() {
    llm.createPrompt("p", "d");
    assertThatThrownBy(() -> llm.createPrompt("p", "d"))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
    assertThatThrownBy(() -> llm.getPrompt("nope"))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    assertThatThrownBy(() -> llm.getPromptVersion("p", 1)).hasMessageContaining("no version 1");
    assertThatThrownBy(() -> llm.resolve(PromptUri.parse("prompts:/p@latest")))
        .hasMessageContaining("no versions yet");
  }

  @Test
  void aliasesMoveAndResolve() {
    llm.createPromptVersion(version("qa", "v1 {{q}}", ""));
    llm.createPromptVersion(version("qa", "v2 {{q}}", ""));
    llm.setAlias("qa", "production", 1);
    llm.setAlias("qa", "staging", 2);
    assertThat(llm.resolve(PromptUri.parse("prompts:/qa@production")).version()).isEqualTo(1);
    assertThat(llm.resolve(PromptUri.parse("prompts:/qa@latest")).version()).isEqualTo(2);
    assertThat(llm.resolve(PromptUri.parse("prompts:/qa/2")).template().text()).startsWith("v2");
    Prompt moved = llm.setAlias("qa", "production", 2);
    assertThat(moved.aliases()).containsEntry("production", 2).containsEntry("staging", 2);
    assertThat(llm.deleteAlias("qa", "staging").aliases()).containsOnlyKeys("production");
    assertThatThrownBy(() -> llm.resolve(PromptUri.parse("prompts:/qa@staging")))
        .hasMessageContaining("no alias 'staging'");
    assertThatThrownBy(() -> llm.setAlias("qa", "x", 3)).hasMessageContaining("no version 3");
    assertThatThrownBy(() -> llm.setAlias("qa", "latest", 1)).hasMessageContaining("reserved");
    assertThatThrownBy(() -> llm.deleteAlias("qa", "staging"))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void concurrentVersionCreationNeverLosesOrDuplicatesANumber() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PromptVersion>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int n = i;
        futures.add(pool.submit(() -> llm.createPromptVersion(version("c", "t" + n, ""))));
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<PromptVersion> f : futures) {
        numbers.add(f.get().version());
      }
      assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    } finally {
      pool.shutdownNow();
    }
  }

  static final String T1 = "4bf92f3577b34da6a3ce929d0e0e4736";

  static Span span(
      String traceId, String id, String parent, long startMs, long endMs, Map<String, Object> a) {
    return new Span(
        traceId,
        id,
        parent,
        parent == null ? "agent" : "chat gpt-4o",
        parent == null ? SpanKind.SERVER : SpanKind.CLIENT,
        startMs * 1_000_000,
        endMs * 1_000_000,
        SpanStatus.OK,
        "",
        a,
        Map.of("service.name", "support-bot"));
  }

  static Map<String, Object> usage(String model, long in, long out) {
    return Map.of(
        "gen_ai.operation.name",
        "chat",
        "gen_ai.request.model",
        model,
        "gen_ai.usage.input_tokens",
        in,
        "gen_ai.usage.output_tokens",
        out,
        "mledger.prompt.version",
        "prompts:/qa/1",
        "tags",
        List.of("a", 1L, 2.5, true));
  }

  @Test
  void storesSpansAsATreeWithASummaryAndReplacesResentSpans() {
    llm.setPrice(ModelPrice.perMillion("gpt-4o", 2.5, 10));
    SpanIngest ingest =
        llm.ingestSpans(
            List.of(
                span(T1, "00f067aa0ba902b7", null, 0, 1200, Map.of("mledger.eval.set", "golden")),
                span(
                    T1,
                    "00f067aa0ba902b8",
                    "00f067aa0ba902b7",
                    10,
                    900,
                    usage("gpt-4o", 1000, 100))));
    assertThat(ingest.traceIds()).containsExactly(T1);
    TraceTree tree = llm.getTrace(T1).orElseThrow();
    assertThat(tree.roots()).hasSize(1);
    Span child = tree.roots().get(0).children().get(0).span();
    assertThat(child.attributes().get("tags")).isEqualTo(List.of("a", 1L, 2.5, true));
    assertThat(child.attributes().get("gen_ai.usage.input_tokens")).isEqualTo(1000L);
    assertThat(child.resource()).containsEntry("service.name", "support-bot");
    TraceSummary summary = llm.getTraceSummary(T1).orElseThrow();
    assertThat(summary.spanCount()).isEqualTo(2);
    assertThat(summary.durationMillis()).isEqualTo(1200);
    assertThat(summary.costUsd()).isCloseTo(0.0035, within(1e-12));
    assertThat(summary.promptVersion()).isEqualTo("prompts:/qa/1");
    assertThat(summary.evalSet()).isEqualTo("golden");
    assertThat(summary.serviceName()).isEqualTo("support-bot");

    // an exporter retry re-sends the same span with corrected usage: replaced, not duplicated
    llm.ingestSpans(
        List.of(
            span(T1, "00f067aa0ba902b8", "00f067aa0ba902b7", 10, 900, usage("gpt-4o", 2000, 100))));
    TraceSummary again = llm.getTraceSummary(T1).orElseThrow();
    assertThat(again.spanCount()).isEqualTo(2);
    assertThat(again.inputTokens()).isEqualTo(2000);
    assertThat(llm.getTrace("0".repeat(31) + "1")).isEmpty();
  }

  @Test
  void listsFiltersAndAggregatesTraces() {
    for (int i = 1; i <= 5; i++) {
      String trace = String.format("%032x", i);
      llm.ingestSpans(
          List.of(
              span(
                  trace,
                  "000000000000000a",
                  null,
                  i * 1000L,
                  i * 1000L + i * 100L,
                  i == 5 ? usage("gpt-4o", 10, 10) : Map.of("mledger.eval.set", "s"))));
    }
    List<TraceSummary> newest =
        llm.listTraces(new TraceQuery(null, null, null, null, null, null, 2));
    assertThat(newest)
        .extracting(TraceSummary::traceId)
        .containsExactly(String.format("%032x", 5), String.format("%032x", 4));
    assertThat(llm.listTraces(new TraceQuery(null, "s", null, null, 2_000_000_000L, null, 100)))
        .hasSize(3);
    assertThat(
            llm.listTraces(
                new TraceQuery(
                    "prompts:/qa/1", null, "support-bot", SpanStatus.OK, null, null, 10)))
        .hasSize(1);
    TraceAggregates all = llm.aggregate(TraceQuery.ALL);
    assertThat(all.traceCount()).isEqualTo(5);
    // durations 100..500 ms: numpy.quantile(..., [.5, .95, .99]) = 300, 480, 496
    assertThat(all.latencyP50Millis()).isCloseTo(300, within(1e-9));
    assertThat(all.latencyP95Millis()).isCloseTo(480, within(1e-9));
    assertThat(all.latencyP99Millis()).isCloseTo(496, within(1e-9));
    assertThat(all.inputTokens()).isEqualTo(10);
    assertThat(all.unpricedTraces()).isEqualTo(5);
  }

  @Test
  void filtersTracesByTheModelOrOperationOfAnySpan() {
    // Trace 1: an agent whose child chat span asked gpt-4o and was answered by a dated model.
    Map<String, Object> dated = new java.util.HashMap<>(usage("gpt-4o", 1, 1));
    dated.put("gen_ai.response.model", "gpt-4o-2024-08-06");
    llm.ingestSpans(
        List.of(
            span(T1, "000000000000000a", null, 0, 10, Map.of()),
            span(T1, "000000000000000b", "000000000000000a", 1, 9, dated)));
    // Trace 2: an embeddings call whose model name holds LIKE wildcards.
    String t2 = "0".repeat(31) + "2";
    llm.ingestSpans(
        List.of(
            span(
                t2,
                "000000000000000c",
                null,
                20,
                30,
                Map.of("gen_ai.operation.name", "embeddings", "gen_ai.request.model", "emb_%"))));
    assertThat(models("gpt-4o", null)).containsExactly(T1);
    assertThat(models("gpt-4o-2024-08-06", null)).containsExactly(T1);
    assertThat(models("gpt-4", null)).isEmpty();
    assertThat(models("emb_%", null)).containsExactly(t2);
    assertThat(models("embX%", null)).isEmpty();
    assertThat(models(null, "embeddings")).containsExactly(t2);
    assertThat(models("gpt-4o", "embeddings")).isEmpty();
    assertThat(llm.aggregate(query("gpt-4o", "chat")).traceCount()).isEqualTo(1);
  }

  private List<String> models(String model, String operation) {
    return llm.listTraces(query(model, operation)).stream().map(TraceSummary::traceId).toList();
  }

  private static TraceQuery query(String model, String operation) {
    return new TraceQuery(null, null, null, null, null, null, 100, model, operation);
  }

  @Test
  void scoresNeedAnExistingTraceAndSpanAndRoundTrip() {
    llm.ingestSpans(List.of(span(T1, "00f067aa0ba902b7", null, 0, 1, Map.of())));
    Score numeric =
        llm.logScore(
            new NewScore(
                T1,
                null,
                "relevance",
                new ScoreValue.Numeric(0.8),
                new ScoreSource.LlmJudge("gpt-4o", "2024-08-06"),
                "on topic"));
    llm.logScore(
        new NewScore(
            T1,
            "00f067aa0ba902b7",
            "safe",
            new ScoreValue.Bool(true),
            new ScoreSource.Code("guardrail"),
            null));
    llm.logScore(
        new NewScore(
            T1,
            null,
            "tone",
            new ScoreValue.Categorical("friendly"),
            new ScoreSource.Human("bob"),
            ""));
    List<Score> scores = llm.scores(T1);
    assertThat(scores).hasSize(3);
    assertThat(scores)
        .extracting(Score::value)
        .containsExactlyInAnyOrder(
            new ScoreValue.Numeric(0.8),
            new ScoreValue.Bool(true),
            new ScoreValue.Categorical("friendly"));
    assertThat(scores)
        .filteredOn(s -> s.scoreId().equals(numeric.scoreId()))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.source()).isEqualTo(new ScoreSource.LlmJudge("gpt-4o", "2024-08-06"));
              assertThat(s.rationale()).isEqualTo("on topic");
            });
    assertThatThrownBy(
            () ->
                llm.logScore(
                    new NewScore(
                        "f".repeat(32),
                        null,
                        "x",
                        new ScoreValue.Bool(true),
                        new ScoreSource.Human("bob"),
                        "")))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    assertThatThrownBy(
            () ->
                llm.logScore(
                    new NewScore(
                        T1,
                        "1111111111111111",
                        "x",
                        new ScoreValue.Bool(true),
                        new ScoreSource.Human("bob"),
                        "")))
        .hasMessageContaining("has no span");
  }

  @Test
  void comparesTwoPromptVersionsOnAnEvaluationSet() {
    llm.createPromptVersion(version("qa", "v1 {{q}}", ""));
    llm.createPromptVersion(version("qa", "v2 {{q}}", ""));
    llm.setAlias("qa", "production", 1);
    double[] a = {0.8, 0.6, 0.9, 0.7, 0.75, 0.95};
    double[] b = {0.7, 0.65, 0.6, 0.5, 0.7, 0.8};
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      for (int v = 1; v <= 2; v++) {
        String trace = String.format("%032x", ++n);
        llm.ingestSpans(
            List.of(
                span(
                    trace,
                    "000000000000000a",
                    null,
                    n,
                    n + 1,
                    Map.of(
                        "mledger.eval.set", "golden",
                        "mledger.eval.example_id", "ex" + i,
                        "mledger.prompt.version", "prompts:/qa/" + v))));
        llm.logScore(
            new NewScore(
                trace,
                null,
                "relevance",
                new ScoreValue.Numeric(v == 2 ? a[i] : b[i]),
                new ScoreSource.Code("judge"),
                ""));
      }
    }
    PromptVersionComparison c =
        llm.comparePromptVersions(
            PromptUri.parse("prompts:/qa/2"),
            PromptUri.parse("prompts:/qa@production"),
            "golden",
            "relevance");
    assertThat(c.versionB()).isEqualTo("prompts:/qa/1");
    assertThat(c.pairedExamples()).hasSize(6);
    // scipy.stats.ttest_rel(a, b) / wilcoxon(a, b)
    assertThat(c.statistics().pairedT().pValue()).isCloseTo(0.05310349175179787, within(1e-12));
    assertThat(c.statistics().wilcoxon().pValue()).isCloseTo(0.09375, within(1e-12));
    assertThatThrownBy(
            () ->
                llm.comparePromptVersions(
                    PromptUri.parse("prompts:/qa/2"),
                    PromptUri.parse("prompts:/qa/1"),
                    "other",
                    "relevance"))
        .hasMessageContaining("No 'relevance' scores");
  }

  @Test
  void pricesAreConfigurable() {
    llm.setPrice(ModelPrice.perThousand("gpt-4o-mini", 0.00015, 0.0006));
    llm.setPrice(ModelPrice.perMillion("gpt-4o-mini", 0.2, 0.8));
    assertThat(llm.prices().prices())
        .singleElement()
        .satisfies(p -> assertThat(p.inputUsdPerMillion()).isEqualTo(0.2));
    assertThat(llm.deletePrice("gpt-4o-mini")).isTrue();
    assertThat(llm.deletePrice("gpt-4o-mini")).isFalse();
  }
}
