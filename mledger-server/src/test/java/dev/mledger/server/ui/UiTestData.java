package dev.mledger.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Realistic UI test data, loaded only through the MLflow REST and native registry APIs: an
 * experiment with a hyper-parameter sweep (configs × seeds, each seed a child of its config's
 * parent run, with loss curves and final metrics) and a registered model with versions, aliases and
 * stage history.
 */
final class UiTestData {
  static final String EXPERIMENT = "housing-sweep";
  static final String MODEL = "housing-regressor";
  static final int SEEDS = 5;
  static final String[] MODELS = {"ridge", "lasso", "linear", "elasticnet"};
  private static final int[] OTHER_ALPHA_EXPONENTS = {-3, -2, 0, 1, 2};
  private static final ObjectMapper JSON = new ObjectMapper();

  final String experimentId;

  /** The seed runs of the two featured configs (ridge α=0.1 and lasso α=0.1), long curves. */
  final List<String> featuredRuns = new ArrayList<>();

  int runCount;

  private UiTestData(String experimentId) {
    this.experimentId = experimentId;
  }

  /**
   * Loads {@code configs} configurations × {@value #SEEDS} seeds (plus one parent run per config).
   */
  static UiTestData load(RunningServer server, int configs) throws Exception {
    String experimentId =
        call(server, "experiments/create", object().put("name", EXPERIMENT))
            .get("experiment_id")
            .asText();
    UiTestData data = new UiTestData(experimentId);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int config = 0; config < configs; config++) {
        int c = config;
        results.add(pool.submit(() -> data.loadConfig(server, c)));
      }
      for (int config = 0; config < configs; config++) {
        List<String> seeds = results.get(config).get();
        data.runCount += seeds.size() + 1;
        if (config < 2) {
          data.featuredRuns.addAll(seeds);
        }
      }
    } finally {
      pool.shutdown();
    }
    data.loadRegistry(server);
    return data;
  }

  private List<String> loadConfig(RunningServer server, int config) {
    String model = MODELS[config % MODELS.length];
    // Only the featured configs use α = 0.1, so that they form exactly two seed groups.
    double alpha = config < 2 ? 0.1 : Math.pow(10, OTHER_ALPHA_EXPONENTS[(config / 4) % 5]);
    int hidden = config < 2 ? 16 : 16 << (config % 3);
    // The featured configs get long curves so that the series are really down-sampled.
    int steps = config < 2 ? 1500 : 20;
    String parent =
        createRun(server, String.format(Locale.ROOT, "%s-a%s-h%d", model, alpha, hidden));
    logBatch(
        server,
        parent,
        JSON.createArrayNode(),
        params(model, alpha, hidden, null),
        JSON.createArrayNode());
    List<String> seeds = new ArrayList<>();
    for (int seed = 0; seed < SEEDS; seed++) {
      String run =
          createRun(server, String.format(Locale.ROOT, "%s-seed%d-c%d", model, seed, config));
      Random random = new Random(config * 31L + seed);
      double quality = (model.equals("ridge") ? 0.82 : 0.74) - 0.02 * Math.abs(Math.log10(alpha));
      ArrayNode metrics = JSON.createArrayNode();
      // Each seed converges to its own level, so the seed bands have a visible width.
      double floor = 0.8 * (1 - quality) + 0.03 * random.nextGaussian();
      for (int step = 0; step < steps; step++) {
        double loss = 1.5 * Math.exp(-step / (steps / 4.0)) + floor + 0.02 * random.nextGaussian();
        metrics.add(metric("train_loss", loss, step));
      }
      double r2 = quality + 0.01 * random.nextGaussian();
      metrics.add(metric("test_r2", r2, steps));
      metrics.add(metric("test_rmse", 0.6 * (1 - r2) + 0.05, steps));
      ArrayNode tags = JSON.createArrayNode();
      tags.addObject().put("key", "mlflow.parentRunId").put("value", parent);
      tags.addObject().put("key", "team").put("value", config % 2 == 0 ? "pricing" : "risk");
      logBatch(server, run, metrics, params(model, alpha, hidden, seed), tags);
      call(server, "runs/update", object().put("run_id", run).put("status", "FINISHED"));
      seeds.add(run);
    }
    call(server, "runs/update", object().put("run_id", parent).put("status", "FINISHED"));
    return seeds;
  }

  private void loadRegistry(RunningServer server) {
    call(
        server,
        "registered-models/create",
        object()
            .put("name", MODEL)
            .put(
                "description",
                "Ridge regression on the housing features; champion chosen by test R²."));
    for (int v = 0; v < 3; v++) {
      call(
          server,
          "model-versions/create",
          object()
              .put("name", MODEL)
              .put("source", "runs:/" + featuredRuns.get(v) + "/model")
              .put("run_id", featuredRuns.get(v)));
    }
    String base = "/api/v1/registry/models/" + MODEL;
    ok(
        server.post(
            base + "/versions/1/stage", "{\"stage\":\"Production\",\"reason\":\"first release\"}"));
    ok(
        server.post(
            base + "/versions/2/stage",
            "{\"stage\":\"Staging\",\"reason\":\"candidate under review\"}"));
    ok(
        server.request(
            "PUT",
            base + "/aliases/champion",
            "{\"version\":\"1\",\"reason\":\"best test R2\"}",
            "application/json"));
    ok(
        server.request(
            "PUT",
            base + "/aliases/challenger",
            "{\"version\":\"2\",\"reason\":\"shadow traffic\"}",
            "application/json"));
  }

  private String createRun(RunningServer server, String name) {
    return call(
            server,
            "runs/create",
            object()
                .put("experiment_id", experimentId)
                .put("run_name", name)
                .put("start_time", 1_700_000_000_000L))
        .at("/run/info/run_id")
        .asText();
  }

  private static ArrayNode params(String model, double alpha, int hidden, Integer seed) {
    ArrayNode params = JSON.createArrayNode();
    params.addObject().put("key", "model").put("value", model);
    params.addObject().put("key", "alpha").put("value", String.valueOf(alpha));
    params.addObject().put("key", "hidden").put("value", String.valueOf(hidden));
    if (seed != null) {
      params.addObject().put("key", "seed").put("value", String.valueOf(seed));
    }
    return params;
  }

  private static ObjectNode metric(String key, double value, long step) {
    return object()
        .put("key", key)
        .put("value", value)
        .put("timestamp", 1_700_000_000_000L + step)
        .put("step", step);
  }

  private static void logBatch(
      RunningServer server, String runId, ArrayNode metrics, ArrayNode params, ArrayNode tags) {
    // log-batch takes at most 1000 metrics, params and tags together per call.
    for (int from = 0; from < Math.max(1, metrics.size()); from += 900) {
      ObjectNode body = object().put("run_id", runId);
      ArrayNode chunk = body.putArray("metrics");
      for (int i = from; i < Math.min(metrics.size(), from + 900); i++) {
        chunk.add(metrics.get(i));
      }
      body.set("params", from == 0 ? params : JSON.createArrayNode());
      body.set("tags", from == 0 ? tags : JSON.createArrayNode());
      call(server, "runs/log-batch", body);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static JsonNode call(RunningServer server, String endpoint, ObjectNode body) {
    return ok(server.post("/api/2.0/mlflow/" + endpoint, body.toString()));
  }

  static JsonNode ok201(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return RunningServer.json(response);
  }

  static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningServer.json(response);
  }
}
