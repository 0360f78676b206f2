package dev.mledger.server.ui;

import static dev.mledger.server.ui.UiTestData.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.tracking.Metric;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import dev.mledger.store.registry.NewModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Operations data for the UI, loaded through the public APIs: a production monitor whose traffic
 * shifts half-way (feature {@code x1} moves, {@code region} changes mix) with a retraining policy
 * that retrains, gates and waits for approval; an idle monitor; a versioned prompt with aliases;
 * and LLM traces of two prompt versions on one evaluation set with judge, human and code scores.
 */
final class OpsUiTestData {
  static final String MONITOR = "housing-prod";
  static final String IDLE_MONITOR = "housing-shadow";
  static final String MODEL = "housing-regressor";
  static final String PROMPT = "support-qa";
  static final String EVAL_SET = "golden";
  static final int EXAMPLES = 8;
  static final int WINDOW = 200;
  static final int STABLE_WINDOWS = 3;
  static final int SHIFTED_WINDOWS = 3;
  static final long BASE_MS = 1_700_000_000_000L;
  private static final String[] REGIONS = {"north", "south", "east", "west"};
  private static final ObjectMapper JSON = new ObjectMapper();

  String monitorId;
  String idleMonitorId;
  String runId;

  /** Trace ids by prompt version (2 or 3) and example; the embeddings trace separately. */
  final String[][] traces = new String[4][EXAMPLES];

  String embeddingTrace;

  static OpsUiTestData load(RunningServer server, Path dir) throws Exception {
    OpsUiTestData data = new OpsUiTestData();
    data.loadModel(server, dir);
    data.loadMonitors(server);
    data.loadPrompts(server);
    data.loadTraces(server);
    data.awaitRetraining(server);
    return data;
  }

  private void loadModel(RunningServer server, Path dir) throws Exception {
    var tracking = server.stores().tracking();
    String experiment = tracking.createExperiment("housing-retrain", null, List.of());
    runId =
        tracking
            .createRun(new NewRun(experiment, "ops", BASE_MS, "retrain", List.of()))
            .info()
            .runId();
    tracking.logBatch(runId, List.of(new Metric("test_r2", 0.9, BASE_MS, 0)), List.of(), List.of());
    server.stores().registry().createRegisteredModel(MODEL, List.of(), "housing prices");
    Path model = Files.createDirectories(dir.resolve("model"));
    for (int v = 0; v < 2; v++) {
      server
          .stores()
          .registry()
          .createModelVersion(
              new NewModelVersion(
                  MODEL, model.toUri().toString(), runId, List.of(), null, "", "ops"));
    }
  }

  private void loadMonitors(RunningServer server) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", MONITOR).put("model", MODEL).put("version", "1");
    body.put("reference", "dataset:housing@1.0.0");
    ArrayNode features = body.putArray("features");
    for (int i = 0; i < 4; i++) {
      features.addObject().put("name", "x" + i).put("type", "numeric");
    }
    features.addObject().put("name", "region").put("type", "categorical");
    body.put("prediction_type", "numeric");
    body.putObject("window").put("count", WINDOW);
    body.put("segment_column", "region");
    ObjectNode policy = body.putObject("alert_policy");
    ArrayNode rules = policy.putArray("rules");
    rules.addObject().put("statistic", "p_value").put("threshold", 0.01).put("severity", "warning");
    rules
        .addObject()
        .put("statistic", "p_value")
        .put("threshold", 1e-6)
        .put("severity", "critical");
    rules.addObject().put("statistic", "psi").put("threshold", 0.25).put("severity", "warning");
    policy.put("correction", "bh").put("cooldown_seconds", 3600).put("hysteresis", 0.1);
    ArrayNode reference = body.putArray("reference_rows");
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      reference.add(event(random, false, BASE_MS));
    }
    monitorId = ok(server.post("/api/v1/monitors", body.toString())).at("/monitor/id").asText();

    String retrain =
        "{\"min_severity\":\"critical\",\"approval\":\"required\",\"command\":[\"sh\",\"-c\",\"echo mledger.run_id="
            + runId
            + "; echo mledger.model_version="
            + MODEL
            + "/2\"],\"gate\":{\"name\":\"no-regression\",\"rules\":[{\"type\":\"metric_threshold\","
            + "\"metric\":\"test_r2\",\"direction\":\"higher\",\"threshold\":0.5}]}}";
    ok(server.post("/api/v1/monitors/" + monitorId + "/retrain-policy", retrain));

    for (int w = 0; w < STABLE_WINDOWS + SHIFTED_WINDOWS; w++) {
      ArrayNode events = JSON.createArrayNode();
      for (int i = 0; i < WINDOW; i++) {
        long time = BASE_MS + Duration.ofMinutes(10L * w).toMillis() + i * 1000L;
        events.add(event(random, w >= STABLE_WINDOWS, time));
      }
      ok(server.post("/api/v1/monitors/" + monitorId + "/events", events.toString()));
    }

    awaitReports(server, STABLE_WINDOWS + SHIFTED_WINDOWS);

    body.put("name", IDLE_MONITOR).put("version", "2");
    body.remove("webhook");
    idleMonitorId = ok(server.post("/api/v1/monitors", body.toString())).at("/monitor/id").asText();
  }

  private static ObjectNode event(Random random, boolean shifted, long time) {
    ObjectNode e = JSON.createObjectNode();
    ObjectNode f = e.putObject("features");
    double y = 0;
    for (int i = 0; i < 4; i++) {
      double x = random.nextGaussian() + (shifted && i == 1 ? 1.5 : 0);
      f.put("x" + i, x);
      y += (i + 1) * x;
    }
    f.put(
        "region",
        REGIONS[shifted && random.nextDouble() < 0.2 ? 0 : random.nextInt(REGIONS.length)]);
    e.put("prediction", y + 0.3 * random.nextGaussian());
    e.put("label", y);
    e.put("latency_ms", 20 + 5 * Math.abs(random.nextGaussian()) + (shifted ? 8 : 0));
    e.put("cost", 0.0002);
    e.put("timestamp", time);
    return e;
  }

  private void loadPrompts(RunningServer server) {
    String[] templates = {
      "You are a support agent.\nAnswer {{question}} briefly.",
      "You are a friendly support agent for {{product}}.\nAnswer {{question}} briefly.\nCite the help"
          + " center when you can.",
      "You are a friendly support agent for {{product}}.\nAnswer {{question}} in at most three"
          + " sentences.\nCite the help center when you can.",
    };
    String[] messages = {"first version", "name the product, cite sources", "shorter answers"};
    for (int v = 0; v < templates.length; v++) {
      ObjectNode body = JSON.createObjectNode();
      body.put("template", templates[v]).put("commit_message", messages[v]);
      body.putObject("tags").put("team", "care");
      if (v == 0) {
        body.put("name", PROMPT).put("description", "Answers customer questions.");
        ok(server.post("/api/v1/prompts", body.toString()));
      } else {
        ok(server.post("/api/v1/prompts/" + PROMPT + "/versions", body.toString()));
      }
    }
    alias(server, "production", 2);
    alias(server, "staging", 3);
    ok(
        server.post(
            "/api/v1/prompts", "{\"name\": \"summarize\", \"template\": \"Summarize {{text}}\"}"));
    ok(
        server.request(
            "PUT",
            "/api/v1/llm/prices",
            "{\"model\": \"gpt-4o\", \"input_usd_per_million\": 2.5, \"output_usd_per_million\": 10}",
            "application/json"));
  }

  private static void alias(RunningServer server, String alias, int version) {
    ok(
        server.request(
            "PUT",
            "/api/v1/prompts/" + PROMPT + "/aliases/" + alias,
            "{\"version\": " + version + "}",
            "application/json"));
  }

  private void loadTraces(RunningServer server) {
    Random random = new Random(11);
    int n = 0;
    for (int example = 0; example < EXAMPLES; example++) {
      for (int version = 2; version <= 3; version++) {
        n++;
        String traceId = String.format(Locale.ROOT, "%032x", 0xabc000 + n);
        traces[version][example] = traceId;
        long start = (BASE_MS + n * 60_000L) * 1_000_000L;
        boolean failed = version == 2 && example == 5;
        double retrieval = 30 + 20 * random.nextDouble();
        double chat = 400 + 300 * random.nextDouble() - (version == 3 ? 120 : 0);
        ArrayNode spans = JSON.createArrayNode();
        spans.add(
            span(traceId, "a1", null, "answer", start, 0, retrieval + chat + 60, failed ? 2 : 1)
                .set(
                    "attributes",
                    attributes(
                        "mledger.eval.set", EVAL_SET,
                        "mledger.eval.example_id", "ex" + example,
                        "mledger.prompt.version", "prompts:/" + PROMPT + "/" + version)));
        spans.add(
            span(traceId, "b1", "a1", "retrieve docs", start, 5, retrieval, 1)
                .set(
                    "attributes", attributes("mledger.retrieval.index_version", "help-center@42")));
        ObjectNode call =
            span(traceId, "c1", "a1", "chat gpt-4o", start, 10 + retrieval, chat, failed ? 2 : 1);
        ArrayNode a =
            attributes(
                "gen_ai.operation.name", "chat",
                "gen_ai.provider.name", "openai",
                "gen_ai.request.model", "gpt-4o",
                "gen_ai.response.model", "gpt-4o-2024-08-06",
                "mledger.prompt.version", "prompts:/" + PROMPT + "/" + version);
        a.addObject()
            .put("key", "gen_ai.usage.input_tokens")
            .putObject("value")
            .put("intValue", 600 + 40 * example);
        a.addObject()
            .put("key", "gen_ai.usage.output_tokens")
            .putObject("value")
            .put("intValue", version == 3 ? 90 : 160);
        call.set("attributes", a);
        spans.add(call);
        spans.add(
            span(traceId, "d1", "a1", "guardrail", start, 20 + retrieval + chat, 15, 1)
                .set(
                    "attributes",
                    attributes("mledger.guardrail.action", example == 3 ? "redact" : "allow")));
        send(server, spans);
        double relevance = Math.min(1, (version == 3 ? 0.78 : 0.7) + 0.1 * random.nextGaussian());
        score(
            server,
            traceId,
            "{\"name\": \"relevance\", \"value\": "
                + relevance
                + ", \"rationale\": \"answers the question\", \"source\": {\"type\": \"llm_judge\","
                + " \"name\": \"gpt-4o\", \"version\": \"2024-08-06\"}}");
        score(
            server,
            traceId,
            "{\"name\": \"cites_source\", \"value\": "
                + (example % 3 != 0)
                + ", \"span_id\": \"00000000000000c1\", \"source\": {\"type\": \"code\", \"name\":"
                + " \"has_citation\"}}");
        if (example == 0) {
          score(
              server,
              traceId,
              "{\"name\": \"tone\", \"value\": \"friendly\", \"source\": {\"type\": \"human\","
                  + " \"name\": \"alice\"}, \"rationale\": \"reviewed in QA\"}");
        }
      }
    }
    embeddingTrace = String.format(Locale.ROOT, "%032x", 0xdef001);
    ArrayNode spans = JSON.createArrayNode();
    spans.add(
        span(
                embeddingTrace,
                "e1",
                null,
                "embed documents",
                (BASE_MS + 3_600_000L) * 1_000_000L,
                0,
                80,
                1)
            .set(
                "attributes",
                attributes(
                    "gen_ai.operation.name", "embeddings",
                    "gen_ai.request.model", "text-embedding-3-small")));
    send(server, spans);
  }

  private static ObjectNode span(
      String traceId,
      String id,
      String parent,
      String name,
      long traceStartNanos,
      double offsetMs,
      double durationMs,
      int status) {
    ObjectNode s = JSON.createObjectNode();
    s.put("traceId", traceId);
    s.put("spanId", "00000000000000" + id);
    if (parent != null) {
      s.put("parentSpanId", "00000000000000" + parent);
    }
    s.put("name", name);
    s.put("kind", parent == null ? 2 : 3);
    long start = traceStartNanos + (long) (offsetMs * 1e6);
    s.put("startTimeUnixNano", String.valueOf(start));
    s.put("endTimeUnixNano", String.valueOf(start + (long) (durationMs * 1e6)));
    ObjectNode st = s.putObject("status").put("code", status);
    if (status == 2) {
      st.put("message", "upstream timeout");
    }
    return s;
  }

  private static ArrayNode attributes(String... pairs) {
    ArrayNode a = JSON.createArrayNode();
    for (int i = 0; i < pairs.length; i += 2) {
      a.addObject().put("key", pairs[i]).putObject("value").put("stringValue", pairs[i + 1]);
    }
    return a;
  }

  private static void send(RunningServer server, ArrayNode spans) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode resource = body.putArray("resourceSpans").addObject();
    resource.putObject("resource").set("attributes", attributes("service.name", "support-bot"));
    resource.putArray("scopeSpans").addObject().set("spans", spans);
    var response = server.request("POST", "/v1/traces", body.toString(), "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("rejectedSpans\":\"");
  }

  private static void score(RunningServer server, String traceId, String body) {
    ok(server.post("/api/v1/traces/" + traceId + "/scores", body));
  }

  /** Reports are written in the background. */
  private void awaitReports(RunningServer server, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode monitor = ok(server.get("/api/v1/monitors/" + monitorId)).get("monitor");
      JsonNode reports =
          ok(server.get("/api/v1/monitors/" + monitorId + "/reports")).get("reports");
      if (reports.size() >= count && !monitor.path("reports_pending").asBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the monitor did not report " + count + " windows within 30 s");
  }

  private void awaitRetraining(RunningServer server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode steps =
          ok(server.get("/api/v1/monitors/" + monitorId + "/retrain-steps")).get("steps");
      for (JsonNode s : steps) {
        String step = s.get("step").asText();
        if (step.equals("awaiting_approval") || step.equals("kept") || step.equals("failed")) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the retraining loop did not finish within 30 s");
  }
}
