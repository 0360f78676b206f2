package dev.mledger.cli.demo;

import dev.mledger.client.llm.LlmClient;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The LLM side of the demo: a registered prompt for an incident-summary assistant and two traces of
 * it summarizing the drift alert. The "model" is a deterministic template filler, named {@value
 * #MODEL} in the GenAI attributes, so the demo needs no network; the spans, token counts and prompt
 * versions are recorded exactly as a real call's would be (OTLP/JSON to {@code /v1/traces}).
 */
final class LlmTraces {
  static final String PROMPT = "demo-incident-summary";
  static final String MODEL = "mledger-demo-template";

  private LlmTraces() {}

  /** What was recorded: the prompt version and the traces, oldest first. */
  record Recorded(String promptUri, List<String> traceIds) {}

  static Recorded record(DemoContext ctx, String monitorId, Set<String> features) {
    LlmClient llm = new LlmClient(ctx.client().trackingUri(), System.getenv());
    PromptVersion prompt =
        llm.registerPrompt(
            PROMPT,
            "Summarize the drift alert of monitor {{monitor}} for the on-call engineer."
                + " Features that moved: {{features}}. Suggest the next step in one sentence.",
            "first version, written by the demo",
            Map.of("team", "ml-platform"));
    Random random = new Random(ctx.seed());
    long now = System.currentTimeMillis() * 1_000_000L;
    String[] questions = {"What changed in production?", "Should we roll back?"};
    List<String> traceIds = new java.util.ArrayList<>();
    for (int i = 0; i < questions.length; i++) {
      String traceId = hex(random, 16);
      traceIds.add(traceId);
      String root = hex(random, 8);
      String call = hex(random, 8);
      String rendered =
          llm.render(
              prompt.uri().toString(),
              Map.of("monitor", monitorId, "features", String.join(", ", features)));
      String answer =
          "Inputs "
              + String.join(" and ", features)
              + " moved away from the training data; the retrained champion covers the new range. "
              + (i == 0
                  ? "No action needed beyond reviewing the gate decision."
                  : "No: roll back" + " only if the new champion's error rises.");
      long start = now - (2 - i) * 60_000_000_000L;
      long end = start + 850_000_000L + 150_000_000L * i;
      Map<String, Object> rootAttributes = new LinkedHashMap<>();
      rootAttributes.put("input.value", questions[i]);
      rootAttributes.put("output.value", answer);
      rootAttributes.put("mledger.prompt.uri", prompt.uri().toString());
      Map<String, Object> callAttributes = new LinkedHashMap<>();
      callAttributes.put("gen_ai.operation.name", "chat");
      callAttributes.put("gen_ai.system", "mledger-demo");
      callAttributes.put("gen_ai.request.model", MODEL);
      callAttributes.put("gen_ai.response.model", MODEL);
      callAttributes.put("gen_ai.usage.input_tokens", (long) words(rendered) * 4 / 3);
      callAttributes.put("gen_ai.usage.output_tokens", (long) words(answer) * 4 / 3);
      Map<String, Object> resource = Map.of("service.name", "incident-assistant");
      llm.logSpans(
          List.of(
              new Span(
                  traceId,
                  root,
                  null,
                  "summarize-alert",
                  SpanKind.SERVER,
                  start,
                  end,
                  SpanStatus.OK,
                  null,
                  rootAttributes,
                  resource,
                  List.of()),
              new Span(
                  traceId,
                  call,
                  root,
                  "chat " + MODEL,
                  SpanKind.CLIENT,
                  start + 20_000_000L,
                  end - 10_000_000L,
                  SpanStatus.OK,
                  null,
                  callAttributes,
                  resource,
                  List.of())));
    }
    return new Recorded(prompt.uri().toString(), List.copyOf(traceIds));
  }

  private static int words(String text) {
    return text.split("\\s+").length;
  }

  private static String hex(Random random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    b[0] |= 1; // never the all-zero id OTLP reserves
    return HexFormat.of().formatHex(b);
  }
}
