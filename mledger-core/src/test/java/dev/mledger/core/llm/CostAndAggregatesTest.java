package dev.mledger.core.llm;

import static dev.mledger.core.llm.TraceTreeTest.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostAndAggregatesTest {
  private static final PriceTable PRICES =
      new PriceTable(
          List.of(
              ModelPrice.perMillion("gpt-4o", 2.5, 10),
              ModelPrice.perThousand("gpt-4o-mini", 0.00015, 0.0006)));

  @Test
  void looksUpExactThenLongestFamilyPrefix() {
    assertThat(PRICES.priceOf("gpt-4o").orElseThrow().inputUsdPerMillion()).isEqualTo(2.5);
    assertThat(PRICES.priceOf("gpt-4o-2024-08-06").orElseThrow().model()).isEqualTo("gpt-4o");
    assertThat(PRICES.priceOf("gpt-4o-mini-2024-07-18").orElseThrow().model())
        .isEqualTo("gpt-4o-mini");
    assertThat(PRICES.priceOf("gpt-4oX")).isEmpty();
    assertThat(PRICES.priceOf("claude")).isEmpty();
  }

  @Test
  void refusesNegativePrices() {
    assertThatThrownBy(() -> ModelPrice.perMillion("m", -1, 0))
        .hasMessageContaining("non-negative");
  }

  @Test
  void readsGenAiConventionsAndLegacyNames() {
    Span s =
        TraceTreeTest.span(
            id(1),
            null,
            0,
            1,
            Map.of(
                "gen_ai.operation.name", "chat",
                "gen_ai.system", "openai",
                "gen_ai.request.model", "gpt-4o",
                "gen_ai.response.model", "gpt-4o-2024-08-06",
                "gen_ai.usage.prompt_tokens", 1000L,
                "gen_ai.usage.output_tokens", "200",
                "mledger.prompt.version", "prompts:/qa/2",
                "mledger.guardrail.action", "allow"));
    GenAiCall call = GenAiCall.of(s);
    assertThat(call.operation()).isEqualTo("chat");
    assertThat(call.system()).isEqualTo("openai");
    assertThat(call.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(call.inputTokens()).isEqualTo(1000);
    assertThat(call.outputTokens()).isEqualTo(200);
    assertThat(call.promptVersion()).isEqualTo("prompts:/qa/2");
    assertThat(call.guardrailAction()).isEqualTo("allow");
    // 1000 * 2.5e-6 + 200 * 10e-6
    assertThat(PRICES.costOf(call).getAsDouble()).isCloseTo(0.0045, within(1e-12));
  }

  @Test
  void explicitCostOverridesThePriceTable() {
    GenAiCall call =
        GenAiCall.of(
            TraceTreeTest.span(
                id(1),
                null,
                0,
                1,
                Map.of(
                    "gen_ai.request.model",
                    "gpt-4o",
                    "gen_ai.usage.input_tokens",
                    10L,
                    "mledger.cost.usd",
                    0.5)));
    assertThat(PRICES.costOf(call).getAsDouble()).isEqualTo(0.5);
  }

  private static TraceSummary trace(
      String traceId, long durationMs, SpanStatus status, String model, long in, long out) {
    Span root =
        new Span(
            traceId,
            id(1),
            null,
            "agent",
            SpanKind.SERVER,
            0,
            durationMs * 1_000_000,
            status,
            "",
            Map.of(),
            Map.of("service.name", "bot"));
    Span llm =
        new Span(
            traceId,
            id(2),
            id(1),
            "chat",
            SpanKind.CLIENT,
            1,
            2,
            SpanStatus.OK,
            "",
            Map.of(
                "gen_ai.request.model", model,
                "gen_ai.usage.input_tokens", in,
                "gen_ai.usage.output_tokens", out),
            Map.of());
    return TraceSummary.of(TraceTree.assemble(List.of(root, llm)), PRICES);
  }

  @Test
  void summarizesATrace() {
    TraceSummary t = trace("a".repeat(32), 250, SpanStatus.OK, "gpt-4o", 1000, 100);
    assertThat(t.spanCount()).isEqualTo(2);
    assertThat(t.rootName()).isEqualTo("agent");
    assertThat(t.serviceName()).isEqualTo("bot");
    assertThat(t.durationMillis()).isEqualTo(250);
    assertThat(t.costUsd()).isCloseTo(0.0035, within(1e-12));
    assertThat(t.unpricedSpans()).isZero();
    TraceSummary unpriced = trace("b".repeat(32), 1, SpanStatus.OK, "unknown-model", 5, 5);
    assertThat(unpriced.costUsd()).isNull();
    assertThat(unpriced.unpricedSpans()).isEqualTo(1);
  }

  @Test
  void aggregatesLatencyQuantilesTokensAndCostPerSuccessfulTask() {
    List<TraceSummary> traces =
        List.of(
            trace("1".repeat(32), 100, SpanStatus.OK, "gpt-4o", 1000, 100),
            trace("2".repeat(32), 200, SpanStatus.ERROR, "gpt-4o", 1000, 100),
            trace("3".repeat(32), 300, SpanStatus.UNSET, "gpt-4o", 1000, 100),
            trace("4".repeat(32), 400, SpanStatus.OK, "nope", 1, 1));
    TraceAggregates a = TraceAggregates.of(traces);
    assertThat(a.traceCount()).isEqualTo(4);
    assertThat(a.successCount()).isEqualTo(3);
    assertThat(a.errorCount()).isEqualTo(1);
    assertThat(a.inputTokens()).isEqualTo(3001);
    assertThat(a.totalTokens()).isEqualTo(3302);
    // numpy.quantile([100, 200, 300, 400], [.5, .95, .99]) = 250, 385, 397
    assertThat(a.latencyP50Millis()).isCloseTo(250, within(1e-9));
    assertThat(a.latencyP95Millis()).isCloseTo(385, within(1e-9));
    assertThat(a.latencyP99Millis()).isCloseTo(397, within(1e-9));
    assertThat(a.costUsd()).isCloseTo(0.0105, within(1e-12));
    assertThat(a.costPerTrace()).isCloseTo(0.0035, within(1e-12));
    assertThat(a.costPerSuccessfulTask()).isCloseTo(0.0035, within(1e-12));
    assertThat(a.unpricedTraces()).isEqualTo(1);
  }

  @Test
  void emptyAggregatesHaveNoQuantilesOrRates() {
    TraceAggregates a = TraceAggregates.of(List.of());
    assertThat(a.latencyP50Millis()).isNull();
    assertThat(a.costPerTrace()).isNull();
    assertThat(a.costPerSuccessfulTask()).isNull();
  }
}
