package dev.mledger.client.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM SDK helpers against a real server. */
class LlmClientTest {
  @TempDir Path dir;
  private Stores stores;
  private MledgerServer server;
  private LlmClient llm;

  @BeforeEach
  void start() {
    String root = dir.resolve("artifacts").toUri().toString();
    stores = Stores.open("sqlite:///" + dir.toAbsolutePath().resolve("mledger.db"), root);
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, stores, root, "test"), Duration.ofSeconds(5));
    int port = server.start();
    llm = new LlmClient(URI.create("http://127.0.0.1:" + port), Map.of());
  }

  @AfterEach
  void stop() {
    server.stop();
    stores.close();
  }

  @Test
  void promptRegistryRoundTrip() {
    assertThat(
            llm.registerPrompt("qa", "Answer {{question}}", "first", Map.of("team", "a")).version())
        .isEqualTo(1);
    llm.registerPrompt("qa", "Briefly answer {{question}}", "shorter", null);
    llm.setAlias("qa", "production", 1);
    assertThat(llm.render("prompts:/qa@production", Map.of("question", "why?")))
        .isEqualTo("Answer why?");
    assertThat(llm.loadPrompt("prompts:/qa@latest").commitMessage()).isEqualTo("shorter");
    assertThat(llm.getPrompt("qa").aliases()).containsEntry("production", 1);
    assertThat(llm.listVersions("qa")).hasSize(2);
    assertThat(llm.listPrompts("q")).hasSize(1);
    assertThat(llm.deleteAlias("qa", "production").aliases()).isEmpty();
    assertThatThrownBy(() -> llm.loadPrompt("prompts:/qa@production"))
        .isInstanceOf(MledgerException.class)
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    assertThatThrownBy(() -> llm.render("prompts:/qa/1", Map.of()))
        .hasMessageContaining("question");
  }

  private static Span span(String trace, String id, String parent, Map<String, Object> attrs) {
    return new Span(
        trace,
        id,
        parent,
        parent == null ? "agent" : "chat",
        parent == null ? SpanKind.SERVER : SpanKind.CLIENT,
        1_000_000_000L,
        1_400_000_000L,
        SpanStatus.OK,
        "",
        attrs,
        Map.of("service.name", "bot"));
  }

  @Test
  void logsSpansAndScoresAndReadsThemBack() {
    llm.setPrice(ModelPrice.perMillion("gpt-4o", 2.5, 10));
    assertThat(llm.prices()).extracting(ModelPrice::model).containsExactly("gpt-4o");
    String trace = "0af7651916cd43dd8448eb211c80319c";
    long rejected =
        llm.logSpans(
            List.of(
                span(trace, "b7ad6b7169203331", null, Map.of("mledger.eval.set", "golden")),
                span(
                    trace,
                    "b7ad6b7169203332",
                    "b7ad6b7169203331",
                    Map.of(
                        "gen_ai.request.model",
                        "gpt-4o",
                        "gen_ai.usage.input_tokens",
                        1000L,
                        "gen_ai.usage.output_tokens",
                        100L,
                        "nested",
                        Map.of("k", List.of(1L, "x"))))));
    assertThat(rejected).isZero();
    Score score =
        llm.logScore(
            trace,
            null,
            "faithfulness",
            new ScoreValue.Numeric(0.9),
            new ScoreSource.LlmJudge("gpt-4o", "2024-08-06"),
            "grounded");
    assertThat(score.scoreId()).hasSize(32);
    assertThat(llm.scores(trace)).containsExactly(score);

    LlmClient.StoredTrace stored = llm.getTrace(trace).orElseThrow();
    assertThat(stored.summary().costUsd()).isCloseTo(0.0035, within(1e-12));
    assertThat(stored.tree().roots().get(0).children()).hasSize(1);
    assertThat(stored.scores()).hasSize(1);
    assertThat(llm.getTrace("1".repeat(32))).isEmpty();

    assertThat(llm.listTraces(Map.of("eval_set", "golden"))).hasSize(1);
    TraceAggregates stats = llm.aggregate(Map.of());
    assertThat(stats.traceCount()).isEqualTo(1);
    assertThat(stats.latencyP99Millis()).isEqualTo(400.0);
    assertThat(stats.costPerSuccessfulTask()).isCloseTo(0.0035, within(1e-12));
  }
}
