package dev.mledger.cli.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.runs.CliRun;
import dev.mledger.cli.runs.TestServer;
import dev.mledger.client.llm.LlmClient;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mledger prompts ...} and {@code mledger traces ...} in-process against a real server. */
class LlmCommandsTest {
  private static TestServer server;
  private static LlmClient llm;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    llm = new LlmClient(URI.create(server.uri()), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun mledger(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--tracking-uri");
    all.add(server.uri());
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void promptsCreateAliasShowAndList() {
    JsonNode v1 =
        mledger(
                "prompts",
                "create",
                "support",
                "--template",
                "Help {{customer}} with {{issue}}",
                "-m",
                "first",
                "--tag",
                "team=care",
                "--alias",
                "production",
                "--json")
            .json();
    assertThat(v1.at("/version/uri").asText()).isEqualTo("prompts:/support/1");
    CliRun v2 =
        mledger("prompts", "create", "support", "--template", "Help {{customer}}", "-m", "shorter");
    assertThat(v2.exitCode()).as(v2.err()).isZero();
    assertThat(v2.out()).contains("Created prompts:/support/2").contains("variables: customer");

    assertThat(mledger("prompts", "alias", "support", "staging", "2").out())
        .contains("prompts:/support@staging -> prompts:/support/2");
    JsonNode shown = mledger("prompts", "show", "prompts:/support@production", "--json").json();
    assertThat(shown.at("/version/commit_message").asText()).isEqualTo("first");
    assertThat(shown.at("/version/tags/team").asText()).isEqualTo("care");
    CliRun text = mledger("prompts", "show", "support");
    assertThat(text.out()).contains("production").contains("staging").contains("shorter");
    JsonNode list = mledger("prompts", "list", "--json").json();
    assertThat(list.at("/prompts/0/aliases/production").asInt()).isEqualTo(1);
    assertThat(
            mledger("prompts", "alias", "support", "staging", "--delete", "--json")
                .json()
                .at("/prompt/aliases")
                .has("staging"))
        .isFalse();

    mledger("prompts", "show", "nope").failsWith(1, "Prompt 'nope' does not exist");
    mledger("prompts", "show", "prompts:/support@staging").failsWith(1, "no alias 'staging'");
    mledger("prompts", "alias", "support", "qa").failsWith(2, "either VERSION or --delete");
    mledger("prompts", "create", "bad", "--template", "{{ two words }}")
        .failsWith(2, "Invalid prompt variable");
  }

  private static Span span(String trace, String id, String parent, long ms, Map<String, Object> a) {
    return new Span(
        trace,
        id,
        parent,
        parent == null ? "answer" : "chat",
        parent == null ? SpanKind.SERVER : SpanKind.CLIENT,
        1_000_000_000L,
        1_000_000_000L + ms * 1_000_000L,
        SpanStatus.OK,
        "",
        a,
        Map.of("service.name", "qa-bot"));
  }

  @Test
  void tracesListShowStatsAndPromptComparison() {
    llm.registerPrompt("qa", "v1 {{q}}", "", Map.of());
    llm.registerPrompt("qa", "v2 {{q}}", "", Map.of());
    llm.setPrice(ModelPrice.perMillion("gpt-4o-mini", 0.15, 0.6));
    double[] a = {0.8, 0.6, 0.9, 0.7, 0.75, 0.95};
    double[] b = {0.7, 0.65, 0.6, 0.5, 0.7, 0.8};
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      for (int v = 1; v <= 2; v++) {
        String trace = String.format("%032x", ++n + 1000);
        llm.logSpans(
            List.of(
                span(
                    trace,
                    "00000000000000a1",
                    null,
                    100L * n,
                    Map.of(
                        "mledger.eval.set", "cli-golden",
                        "mledger.eval.example_id", "ex" + i,
                        "mledger.prompt.version", "prompts:/qa/" + v)),
                span(
                    trace,
                    "00000000000000a2",
                    "00000000000000a1",
                    10,
                    Map.of(
                        "gen_ai.request.model",
                        "gpt-4o-mini",
                        "gen_ai.usage.input_tokens",
                        1000L,
                        "gen_ai.usage.output_tokens",
                        100L,
                        "mledger.guardrail.action",
                        "allow"))));
        llm.logScore(
            trace,
            null,
            "relevance",
            new ScoreValue.Numeric(v == 2 ? a[i] : b[i]),
            new ScoreSource.LlmJudge("gpt-4o", "2024-08-06"),
            "");
      }
    }
    JsonNode listed =
        mledger("traces", "list", "--eval-set", "cli-golden", "--max-results", "5", "--json")
            .json();
    assertThat(listed.get("traces")).hasSize(5);
    CliRun table = mledger("traces", "list", "--prompt-version", "prompts:/qa/2");
    assertThat(table.out().lines().count()).isEqualTo(7);

    String first = String.format("%032x", 1001);
    CliRun show = mledger("traces", "show", first);
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out())
        .contains("answer")
        .contains("  chat")
        .contains("model=gpt-4o-mini")
        .contains("tokens=1000/100")
        .contains("guardrail=allow")
        .contains("relevance")
        .contains("llm_judge:gpt-4o@2024-08-06");
    mledger("traces", "show", "f".repeat(32)).failsWith(1, "does not exist");

    JsonNode stats = mledger("traces", "stats", "--eval-set", "cli-golden", "--json").json();
    assertThat(stats.get("trace_count").asInt()).isEqualTo(12);
    assertThat(stats.get("input_tokens").asLong()).isEqualTo(12_000);
    // durations 100..1200 ms step 100: numpy.quantile(..., [.5, .95, .99]) = 650, 1145, 1189
    assertThat(stats.get("latency_p50_ms").asDouble()).isEqualTo(650.0);
    assertThat(stats.get("latency_p95_ms").asDouble())
        .isCloseTo(1145.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(stats.get("latency_p99_ms").asDouble())
        .isCloseTo(1189.0, org.assertj.core.data.Offset.offset(1e-9));
    // 1000 * 0.15e-6 + 100 * 0.6e-6 per trace
    assertThat(stats.get("cost_per_successful_task_usd").asDouble())
        .isCloseTo(0.00021, org.assertj.core.data.Offset.offset(1e-12));

    // The chat spans name their model but no operation.
    assertThat(mledger("traces", "list", "--model", "gpt-4o-mini", "--json").json().get("traces"))
        .hasSize(12);
    assertThat(mledger("traces", "list", "--model", "gpt-4o", "--json").json().get("traces"))
        .isEmpty();
    assertThat(
            mledger("traces", "stats", "--operation", "chat", "--json")
                .json()
                .get("trace_count")
                .asInt())
        .isZero();

    JsonNode c =
        mledger(
                "prompts",
                "compare",
                "prompts:/qa/2",
                "prompts:/qa/1",
                "--eval-set",
                "cli-golden",
                "--score",
                "relevance",
                "--json")
            .json();
    assertThat(c.get("paired_examples").asInt()).isEqualTo(6);
    assertThat(c.get("p_value").asDouble())
        .isCloseTo(0.05310349175179787, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(
            mledger(
                    "prompts",
                    "compare",
                    "prompts:/qa/2",
                    "prompts:/qa/1",
                    "--eval-set",
                    "cli-golden",
                    "--score",
                    "relevance")
                .out())
        .contains("paired t p-value")
        .contains("0.0531035");
    mledger(
            "prompts",
            "compare",
            "prompts:/qa/2",
            "prompts:/qa/1",
            "--eval-set",
            "none",
            "--score",
            "relevance")
        .failsWith(2, "No 'relevance' scores");
  }
}
