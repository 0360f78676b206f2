package dev.mledger.server.mlflow;

import static dev.mledger.server.testing.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.Run;
import dev.mledger.server.testing.RunningServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every tracking endpoint over real HTTP against a real server and a SQLite store. */
class MlflowTrackingApiTest {
  private static final String API = "/api/2.0/mlflow";
  private static final String AJAX = "/ajax-api/2.0/mlflow";
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path dir;
  static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return response;
  }

  private static void assertError(
      HttpResponse<String> response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.get("error_code").asText()).isEqualTo(code);
    if (message != null) {
      assertThat(body.get("message").asText()).isEqualTo(message);
    }
    assertThat(body.size()).isEqualTo(2);
  }

  static String createExperiment(String prefix, String name) {
    HttpResponse<String> response =
        ok(server.post(prefix + "/experiments/create", "{\"name\": \"" + name + "\"}"));
    return json(response).get("experiment_id").asText();
  }

  static String createRun(String experimentId) {
    HttpResponse<String> response =
        ok(
            server.post(
                API + "/runs/create",
                "{\"experiment_id\": \"" + experimentId + "\", \"start_time\": 1700000000000}"));
    return json(response).at("/run/info/run_id").asText();
  }

  // ---- experiments ----

  @ParameterizedTest
  @ValueSource(strings = {API, AJAX})
  void experimentLifecycleUnderBothPrefixes(String prefix) {
    String name = unique("lifecycle");
    String id = createExperiment(prefix, name);

    JsonNode got = json(ok(server.get(prefix + "/experiments/get?experiment_id=" + id)));
    assertThat(got.at("/experiment/name").asText()).isEqualTo(name);
    assertThat(got.at("/experiment/lifecycle_stage").asText()).isEqualTo("active");

    JsonNode byName =
        json(ok(server.get(prefix + "/experiments/get-by-name?experiment_name=" + q(name))));
    assertThat(byName.at("/experiment/experiment_id").asText()).isEqualTo(id);

    String renamed = name + "-renamed";
    assertThat(
            ok(server.post(
                    prefix + "/experiments/update",
                    "{\"experiment_id\": \"" + id + "\", \"new_name\": \"" + renamed + "\"}"))
                .body())
        .isEqualTo("{}");
    ok(
        server.post(
            prefix + "/experiments/set-experiment-tag",
            "{\"experiment_id\": \"" + id + "\", \"key\": \"team\", \"value\": \"ml\"}"));
    Experiment stored = server.store().getExperiment(id);
    assertThat(stored.name()).isEqualTo(renamed);
    assertThat(stored.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("team"));

    ok(server.post(prefix + "/experiments/delete", "{\"experiment_id\": \"" + id + "\"}"));
    assertThat(
            json(server.get(prefix + "/experiments/get?experiment_id=" + id))
                .at("/experiment/lifecycle_stage")
                .asText())
        .isEqualTo("deleted");
    ok(server.post(prefix + "/experiments/restore", "{\"experiment_id\": \"" + id + "\"}"));
    assertThat(server.store().getExperiment(id).lifecycleStage().wireName()).isEqualTo("active");
  }

  @Test
  void experimentJsonIsByteIdenticalToMlflows() {
    String name = unique("shape");
    String id =
        json(ok(
                server.post(
                    API + "/experiments/create",
                    "{\"name\": \""
                        + name
                        + "\", \"tags\": [{\"key\": \"k\", \"value\": \"v\u00e9\"}]}")))
            .get("experiment_id")
            .asText();
    Experiment e = server.store().getExperiment(id);
    // json.dumps(message_to_json(GetExperiment.Response)) of MLflow 2.17.2
    String expected =
        "{\n  \"experiment\": {\n"
            + "    \"experiment_id\": \""
            + id
            + "\",\n"
            + "    \"name\": \""
            + name
            + "\",\n"
            + "    \"artifact_location\": \""
            + e.artifactLocation()
            + "\",\n"
            + "    \"lifecycle_stage\": \"active\",\n"
            + "    \"last_update_time\": "
            + e.lastUpdateTime()
            + ",\n"
            + "    \"creation_time\": "
            + e.creationTime()
            + ",\n"
            + "    \"tags\": [\n      {\n        \"key\": \"k\",\n"
            + "        \"value\": \"v\\u00e9\"\n      }\n    ]\n  }\n}";
    assertThat(ok(server.get(API + "/experiments/get?experiment_id=" + id)).body())
        .isEqualTo(expected);
    assertThat(
            ok(server.post(API + "/experiments/create", "{\"name\": \"" + unique("x") + "\"}"))
                .body())
        .matches("\\{\n  \"experiment_id\": \"\\d+\"\n}");
  }

  @Test
  void searchExperimentsByGetAndPostWithPaging() {
    String tag = unique("searchtag").replace("-", "_");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = createExperiment(API, unique("search"));
      ok(
          server.post(
              API + "/experiments/set-experiment-tag",
              "{\"experiment_id\": \"" + id + "\", \"key\": \"" + tag + "\", \"value\": \"y\"}"));
      ids.add(id);
    }
    String filter = q("tags." + tag + " = 'y'");
    JsonNode first =
        json(
            ok(
                server.get(
                    API
                        + "/experiments/search?max_results=2&order_by=name+DESC&filter="
                        + filter)));
    assertThat(first.get("experiments")).hasSize(2);
    String token = first.get("next_page_token").asText();
    JsonNode second =
        json(
            ok(
                server.post(
                    AJAX + "/experiments/search",
                    "{\"max_results\": 2, \"order_by\": [\"name DESC\"], \"page_token\": \""
                        + token
                        + "\", \"filter\": \"tags."
                        + tag
                        + " = 'y'\"}")));
    assertThat(second.get("experiments")).hasSize(1);
    assertThat(second.has("next_page_token")).isFalse();
    List<String> seen = new ArrayList<>();
    first.get("experiments").forEach(e -> seen.add(e.get("experiment_id").asText()));
    second.get("experiments").forEach(e -> seen.add(e.get("experiment_id").asText()));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);

    ok(server.post(API + "/experiments/delete", "{\"experiment_id\": \"" + ids.get(0) + "\"}"));
    JsonNode deleted =
        json(ok(server.get(API + "/experiments/search?view_type=DELETED_ONLY&filter=" + filter)));
    assertThat(deleted.get("experiments")).hasSize(1);
    assertThat(deleted.at("/experiments/0/experiment_id").asText()).isEqualTo(ids.get(0));
  }

  @Test
  void legacyListExperimentsReturnsAll() {
    String id = createExperiment(API, unique("legacy"));
    JsonNode listed = json(ok(server.get(API + "/experiments/list")));
    List<String> listedIds = new ArrayList<>();
    listed.get("experiments").forEach(e -> listedIds.add(e.get("experiment_id").asText()));
    assertThat(listedIds).contains(id, "0");
    assertThat(listed.has("next_page_token")).isFalse();
    JsonNode paged = json(ok(server.get(AJAX + "/experiments/list?max_results=1")));
    assertThat(paged.get("experiments")).hasSize(1);
    assertThat(paged.get("next_page_token").asText()).isNotEmpty();
  }

  // ---- runs ----

  @Test
  void runLifecycle() {
    String experimentId = createExperiment(API, unique("runs"));
    JsonNode created =
        json(
            ok(
                server.post(
                    AJAX + "/runs/create",
                    "{\"experiment_id\": \""
                        + experimentId
                        + "\", \"run_name\": \"first\", \"start_time\": 1700000000000,"
                        + " \"user_id\": \"alice\", \"tags\": [{\"key\": \"a\", \"value\": \"b\"}]}")));
    String runId = created.at("/run/info/run_id").asText();
    assertThat(created.at("/run/info/run_uuid").asText()).isEqualTo(runId);
    assertThat(created.at("/run/info/run_name").asText()).isEqualTo("first");
    assertThat(created.at("/run/info/status").asText()).isEqualTo("RUNNING");
    assertThat(created.at("/run/info/start_time").asLong()).isEqualTo(1700000000000L);

    JsonNode updated =
        json(
            ok(
                server.post(
                    API + "/runs/update",
                    "{\"run_id\": \""
                        + runId
                        + "\", \"status\": \"FINISHED\", \"end_time\": 1700000005000}")));
    assertThat(updated.at("/run_info/status").asText()).isEqualTo("FINISHED");
    assertThat(updated.at("/run_info/end_time").asLong()).isEqualTo(1700000005000L);

    ok(
        server.post(
            API + "/runs/set-tag",
            "{\"run_id\": \"" + runId + "\", \"key\": \"t\", \"value\": \"1\"}"));
    ok(server.post(API + "/runs/delete-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"a\"}"));
    ok(
        server.post(
            API + "/runs/log-parameter",
            "{\"run_uuid\": \"" + runId + "\", \"key\": \"lr\", \"value\": \"0.1\"}"));
    ok(
        server.post(
            API + "/runs/log-metric",
            "{\"run_id\": \""
                + runId
                + "\", \"key\": \"loss\", \"value\": 0.5, \"timestamp\": 1700000001000, \"step\": 2}"));
    Run run = server.store().getRun(runId);
    assertThat(run.data().tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("t"));
    assertThat(run.data().tags()).noneSatisfy(t -> assertThat(t.key()).isEqualTo("a"));
    assertThat(run.data().params())
        .singleElement()
        .satisfies(p -> assertThat(p.value()).isEqualTo("0.1"));
    assertThat(run.data().metrics())
        .singleElement()
        .satisfies(m -> assertThat(m.step()).isEqualTo(2));

    JsonNode byUuid = json(ok(server.get(AJAX + "/runs/get?run_uuid=" + runId)));
    assertThat(byUuid.at("/run/info/run_id").asText()).isEqualTo(runId);

    ok(server.post(API + "/runs/delete", "{\"run_id\": \"" + runId + "\"}"));
    assertThat(
            json(server.get(API + "/runs/get?run_id=" + runId))
                .at("/run/info/lifecycle_stage")
                .asText())
        .isEqualTo("deleted");
    ok(server.post(API + "/runs/restore", "{\"run_id\": \"" + runId + "\"}"));
    assertThat(
            json(server.get(API + "/runs/get?run_id=" + runId))
                .at("/run/info/lifecycle_stage")
                .asText())
        .isEqualTo("active");
  }

  @Test
  void runJsonIsByteIdenticalToMlflows() {
    String experimentId = createExperiment(API, unique("runshape"));
    String runId = createRun(experimentId);
    ok(
        server.post(
            API + "/runs/log-batch",
            "{\"run_id\": \""
                + runId
                + "\", \"metrics\": [{\"key\": \"m\", \"value\": \"NaN\", \"timestamp\": 5, \"step\": 1}],"
                + " \"params\": [{\"key\": \"p\", \"value\": \"1e-05\"}]}"));
    Run run = server.store().getRun(runId);
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < run.data().tags().size(); i++) {
      var tag = run.data().tags().get(i);
      tags.append(i == 0 ? "\n" : ",\n")
          .append("        {\n          \"key\": \"")
          .append(tag.key())
          .append("\",\n          \"value\": \"")
          .append(tag.value())
          .append("\"\n        }");
    }
    String expected =
        "{\n  \"run\": {\n    \"info\": {\n"
            + "      \"run_uuid\": \""
            + runId
            + "\",\n"
            + "      \"experiment_id\": \""
            + experimentId
            + "\",\n"
            + "      \"run_name\": \""
            + run.info().runName()
            + "\",\n"
            + (run.info().userId() == null
                ? ""
                : "      \"user_id\": \"" + run.info().userId() + "\",\n")
            + "      \"status\": \"RUNNING\",\n"
            + "      \"start_time\": 1700000000000,\n"
            + "      \"artifact_uri\": \""
            + run.info().artifactUri()
            + "\",\n"
            + "      \"lifecycle_stage\": \"active\",\n"
            + "      \"run_id\": \""
            + runId
            + "\"\n"
            + "    },\n    \"data\": {\n"
            + "      \"metrics\": [\n        {\n          \"key\": \"m\",\n"
            + "          \"value\": \"NaN\",\n          \"timestamp\": 5,\n          \"step\": 1\n"
            + "        }\n      ],\n"
            + "      \"params\": [\n        {\n          \"key\": \"p\",\n"
            + "          \"value\": \"1e-05\"\n        }\n      ],\n"
            + "      \"tags\": ["
            + tags
            + "\n      ]\n"
            + "    },\n    \"inputs\": {}\n  }\n}";
    assertThat(ok(server.get(API + "/runs/get?run_id=" + runId)).body()).isEqualTo(expected);
  }

  @Test
  void searchRunsWithFilterOrderAndPages() {
    String experimentId = createExperiment(API, unique("searchruns"));
    for (int i = 0; i < 5; i++) {
      String runId = createRun(experimentId);
      ok(
          server.post(
              API + "/runs/log-metric",
              "{\"run_id\": \""
                  + runId
                  + "\", \"key\": \"acc\", \"value\": "
                  + (i / 10.0)
                  + ", \"timestamp\": 1}"));
    }
    String body =
        "{\"experiment_ids\": [\""
            + experimentId
            + "\"], \"filter\": \"metrics.acc >= 0.1\","
            + " \"order_by\": [\"metrics.acc DESC\"], \"max_results\": 3}";
    JsonNode first = json(ok(server.post(API + "/runs/search", body)));
    assertThat(first.get("runs")).hasSize(3);
    assertThat(first.at("/runs/0/data/metrics/0/value").asDouble()).isEqualTo(0.4);
    String token = first.get("next_page_token").asText();
    JsonNode second =
        json(
            ok(
                server.post(
                    AJAX + "/runs/search",
                    body.replace("}", ", \"page_token\": \"" + token + "\"}"))));
    assertThat(second.get("runs")).hasSize(1);
    assertThat(second.at("/runs/0/data/metrics/0/value").asDouble()).isEqualTo(0.1);
    assertThat(second.has("next_page_token")).isFalse();

    JsonNode none =
        json(
            ok(
                server.post(
                    API + "/runs/search",
                    "{\"experiment_ids\": [\""
                        + experimentId
                        + "\"], \"filter\": \"metrics.acc > 5\"}")));
    assertThat(none.size()).isZero();
  }

  @Test
  void runDefaultsAndRenames() {
    JsonNode created = json(ok(server.post(API + "/runs/create", "{}")));
    String runId = created.at("/run/info/run_id").asText();
    assertThat(created.at("/run/info/experiment_id").asText()).isEqualTo("0");
    assertThat(created.at("/run/info/run_name").asText()).isNotEmpty();
    ok(
        server.post(
            API + "/runs/update", "{\"run_uuid\": \"" + runId + "\", \"run_name\": \"renamed\"}"));
    assertThat(server.store().getRun(runId).info().runName()).isEqualTo("renamed");
    assertThat(
            ok(server.get(API + "/experiments/search?filter=" + q("name = 'no such experiment'")))
                .body())
        .isEqualTo("{}");
  }

  // ---- metric history ----

  @Test
  void metricHistoryPagesAndReturnsEverythingWithoutMaxResults() {
    String runId = createRun(createExperiment(API, unique("history")));
    StringBuilder metrics = new StringBuilder();
    for (int step = 0; step < 25; step++) {
      metrics
          .append(step == 0 ? "" : ", ")
          .append("{\"key\": \"loss\", \"value\": ")
          .append(1.0 / (step + 1))
          .append(", \"timestamp\": ")
          .append(1000 + step)
          .append(", \"step\": ")
          .append(step)
          .append('}');
    }
    ok(
        server.post(
            API + "/runs/log-batch",
            "{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics + "]}"));

    JsonNode all =
        json(ok(server.get(API + "/metrics/get-history?run_id=" + runId + "&metric_key=loss")));
    assertThat(all.get("metrics")).hasSize(25);
    assertThat(all.has("next_page_token")).isFalse();

    List<Long> steps = new ArrayList<>();
    String token = null;
    do {
      String url =
          AJAX
              + "/metrics/get-history?run_uuid="
              + runId
              + "&metric_key=loss&max_results=10"
              + (token == null ? "" : "&page_token=" + q(token));
      JsonNode page = json(ok(server.get(url)));
      page.get("metrics").forEach(m -> steps.add(m.get("step").asLong()));
      token = page.has("next_page_token") ? page.get("next_page_token").asText() : null;
    } while (token != null);
    assertThat(steps).hasSize(25).isSorted();
  }

  @Test
  void bulkIntervalSamplesAcrossRuns() {
    String experimentId = createExperiment(API, unique("bulk"));
    String a = createRun(experimentId);
    String b = createRun(experimentId);
    for (String run : List.of(a, b)) {
      StringBuilder metrics = new StringBuilder();
      for (int step = 0; step < 50; step++) {
        metrics
            .append(step == 0 ? "" : ", ")
            .append("{\"key\": \"loss\", \"value\": ")
            .append(step)
            .append(", \"timestamp\": ")
            .append(step)
            .append(", \"step\": ")
            .append(step)
            .append('}');
      }
      ok(
          server.post(
              API + "/runs/log-batch",
              "{\"run_id\": \"" + run + "\", \"metrics\": [" + metrics + "]}"));
    }
    JsonNode sampled =
        json(
            ok(
                server.get(
                    AJAX
                        + "/metrics/get-history-bulk-interval?run_ids="
                        + a
                        + "&run_ids="
                        + b
                        + "&metric_key=loss&max_results=5")));
    List<String> points = new ArrayList<>();
    sampled
        .get("metrics")
        .forEach(
            m ->
                points.add(
                    m.get("run_id").asText().equals(a)
                        ? "a" + m.get("step")
                        : "b" + m.get("step")));
    // steps 0..49, 5 samples at interval 10 plus the last step: 0, 10, 20, 30, 40, 49
    assertThat(points)
        .containsExactly(
            "a0", "a10", "a20", "a30", "a40", "a49", "b0", "b10", "b20", "b30", "b40", "b49");
    JsonNode first = sampled.get("metrics").get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("key", "value", "timestamp", "step", "run_id");

    JsonNode window =
        json(
            ok(
                server.get(
                    API
                        + "/metrics/get-history-bulk-interval?run_ids="
                        + a
                        + "&metric_key=loss&start_step=10&end_step=12")));
    assertThat(window.get("metrics")).hasSize(3);
  }

  @Test
  void bulkIntervalRejectsBadArguments() {
    String base = API + "/metrics/get-history-bulk-interval?";
    assertError(
        server.get(base + "metric_key=loss"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Missing value for required parameter 'run_ids'. See the API docs for more information about request parameters.");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      many.append("run_ids=r").append(i).append('&');
    }
    assertError(
        server.get(base + many + "metric_key=loss"),
        400,
        "INVALID_PARAMETER_VALUE",
        "GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received 101 run_ids. See the API docs for more information about request parameters.");
    assertError(
        server.get(base + "run_ids=x&metric_key=loss&max_results=2501"),
        400,
        "INVALID_PARAMETER_VALUE",
        "max_results must be between 1 and 2500. See the API docs for more information about request parameters.");
    assertError(
        server.get(base + "run_ids=x&metric_key=loss&start_step=5&end_step=1"),
        400,
        "INVALID_PARAMETER_VALUE",
        "end_step must be greater than start_step. Found start_step=5 and end_step=1.");
    assertError(
        server.get(base + "run_ids=x&metric_key=loss&start_step=5"),
        400,
        "INVALID_PARAMETER_VALUE",
        "If either start step or end step are specified, both must be specified.");
  }

  // ---- inputs and models ----

  @Test
  void logInputsShowUpOnTheRun() {
    String runId = createRun(createExperiment(API, unique("inputs")));
    ok(
        server.post(
            API + "/runs/log-inputs",
            "{\"run_id\": \""
                + runId
                + "\", \"datasets\": [{\"tags\": [{\"key\": \"mlflow.data.context\","
                + " \"value\": \"training\"}], \"dataset\": {\"name\": \"d\", \"digest\": \"abc\","
                + " \"source_type\": \"local\", \"source\": \"{}\"}}]}"));
    JsonNode inputs =
        json(ok(server.get(API + "/runs/get?run_id=" + runId))).at("/run/inputs/dataset_inputs");
    assertThat(inputs).hasSize(1);
    assertThat(inputs.at("/0/dataset/name").asText()).isEqualTo("d");
    assertThat(inputs.at("/0/dataset").has("schema")).isFalse();
    assertThat(inputs.at("/0/tags/0/value").asText()).isEqualTo("training");
  }

  @Test
  void logModelAppendsToTheHistoryTag() {
    String runId = createRun(createExperiment(API, unique("model")));
    String model =
        "{\"artifact_path\": \"model\", \"flavors\": {\"python_function\": {}},"
            + " \"utc_time_created\": \"2024-01-01 00:00:00.000000\", \"run_id\": \""
            + runId
            + "\","
            + " \"signature\": {\"inputs\": \"[]\"}}";
    String body = "{\"run_id\": \"" + runId + "\", \"model_json\": " + quoteJson(model) + "}";
    ok(server.post(API + "/runs/log-model", body));
    ok(server.post(API + "/runs/log-model", body));
    Run run = server.store().getRun(runId);
    String history =
        run.data().tags().stream()
            .filter(t -> t.key().equals("mlflow.log-model.history"))
            .findFirst()
            .orElseThrow()
            .value();
    JsonNode parsed = readJson(history);
    assertThat(parsed).hasSize(2);
    assertThat(parsed.get(0).get("artifact_path").asText()).isEqualTo("model");
    assertThat(parsed.get(0).has("signature")).isFalse();

    assertError(
        server.post(
            API + "/runs/log-model", "{\"run_id\": \"" + runId + "\", \"model_json\": \"{nope\"}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Malformed model info. \n {nope \n is not a valid JSON.");
    assertError(
        server.post(
            API + "/runs/log-model",
            "{\"run_id\": \"" + runId + "\", \"model_json\": \"{\\\"run_id\\\": \\\"x\\\"}\"}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Model json is missing mandatory fields: {'artifact_path', 'flavors', 'utc_time_created'}");
  }

  // ---- transactional log-batch ----

  @Test
  void logBatchWithAParamConflictWritesNothing() {
    String runId = createRun(createExperiment(API, unique("atomic")));
    ok(
        server.post(
            API + "/runs/log-parameter",
            "{\"run_id\": \"" + runId + "\", \"key\": \"p\", \"value\": \"1\"}"));
    HttpResponse<String> conflict =
        server.post(
            API + "/runs/log-batch",
            "{\"run_id\": \""
                + runId
                + "\", \"metrics\": [{\"key\": \"m\", \"value\": 1, \"timestamp\": 1}],"
                + " \"params\": [{\"key\": \"q\", \"value\": \"new\"}, {\"key\": \"p\", \"value\": \"2\"}],"
                + " \"tags\": [{\"key\": \"t\", \"value\": \"v\"}]}");
    assertThat(conflict.statusCode()).isEqualTo(400);
    assertThat(json(conflict).get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    Run run = server.store().getRun(runId);
    assertThat(run.data().metrics()).isEmpty();
    assertThat(run.data().params())
        .singleElement()
        .satisfies(p -> assertThat(p.value()).isEqualTo("1"));
    assertThat(run.data().tags()).noneSatisfy(t -> assertThat(t.key()).isEqualTo("t"));
    assertThat(
            json(ok(server.get(API + "/metrics/get-history?run_id=" + runId + "&metric_key=m")))
                .size())
        .isZero();
  }

  @Test
  void logBatchFailingValidationWritesNothing() {
    String runId = createRun(createExperiment(API, unique("invalid")));
    HttpResponse<String> missingKey =
        server.post(
            API + "/runs/log-batch",
            "{\"run_id\": \""
                + runId
                + "\", \"metrics\": [{\"key\": \"ok\", \"value\": 1, \"timestamp\": 1},"
                + " {\"value\": 2, \"timestamp\": 2}]}");
    assertError(
        missingKey,
        400,
        "INVALID_PARAMETER_VALUE",
        "Missing value for required parameter 'metrics[1].key'. See the API docs for more information about request parameters.");
    HttpResponse<String> badName =
        server.post(
            API + "/runs/log-batch",
            "{\"run_id\": \""
                + runId
                + "\", \"metrics\": [{\"key\": \"ok\", \"value\": 1, \"timestamp\": 1}],"
                + " \"params\": [{\"key\": \"../bad\", \"value\": \"x\"}]}");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(json(badName).get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    StringBuilder tooMany = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      tooMany
          .append(i == 0 ? "" : ", ")
          .append("{\"key\": \"m\", \"value\": 1, \"timestamp\": ")
          .append(i)
          .append('}');
    }
    HttpResponse<String> overLimit =
        server.post(
            API + "/runs/log-batch",
            "{\"run_id\": \"" + runId + "\", \"metrics\": [" + tooMany + "]}");
    assertThat(overLimit.statusCode()).isEqualTo(400);
    Run run = server.store().getRun(runId);
    assertThat(run.data().metrics()).isEmpty();
    assertThat(run.data().params()).isEmpty();
  }

  // ---- errors ----

  @Test
  void requiredAndTypeErrorsUseMlflowsMessages() {
    assertError(
        server.post(API + "/experiments/create", "{}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Missing value for required parameter 'name'. See the API docs for more information about request parameters.");
    assertError(
        server.post(API + "/experiments/create", "{\"name\": 123}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid value 123 for parameter 'name' supplied. Hint: Value was of type 'int'. See the API docs for more information about request parameters.");
    assertError(
        server.get(API + "/experiments/get"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Missing value for required parameter 'experiment_id'. See the API docs for more information about request parameters.");
    assertError(
        server.post(
            API + "/runs/log-metric",
            "{\"run_id\": \"r\", \"key\": \"k\", \"value\": [1], \"timestamp\": 1}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid value [1] for parameter 'value' supplied. Hint: Value was of type 'list'. See the API docs for more information about request parameters.");
    assertError(
        server.get(API + "/metrics/get-history?run_id=r&metric_key=m&max_results=abc"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid value abc for parameter 'max_results' supplied. Hint: Value was of type 'str'. See the API docs for more information about request parameters.");
    assertError(
        server.post(API + "/runs/search", "{\"max_results\": 50001}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid value 50001 for parameter 'max_results' supplied. Hint: Value was of type 'int'. See the API docs for more information about request parameters.");
  }

  @Test
  void malformedBodiesAndContentTypes() {
    assertError(
        server.post(API + "/experiments/create", "{\"name\": "), 400, "MALFORMED_REQUEST", null);
    assertError(server.post(API + "/experiments/create", "[1]"), 400, "MALFORMED_REQUEST", null);
    assertError(
        server.request("POST", API + "/experiments/create", "{\"name\": \"x\"}", "text/plain"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Bad Request. Content-Type must be one of ['application/json'].");
    assertError(
        server.request("POST", API + "/experiments/create", "{\"name\": \"x\"}", null),
        400,
        "INVALID_PARAMETER_VALUE",
        "Bad Request. Content-Type header is missing.");
    // double-encoded JSON from old clients is accepted
    String name = unique("double");
    ok(server.post(API + "/experiments/create", quoteJson("{\"name\": \"" + name + "\"}")));
    assertThat(server.store().getExperimentByName(name)).isPresent();
  }

  @Test
  void unknownPathsAndWrongMethods() {
    assertError(server.get(API + "/nope"), 404, "ENDPOINT_NOT_FOUND", null);
    assertError(server.post("/nope", "{}"), 404, "ENDPOINT_NOT_FOUND", null);
    // "/" is the UI's entry (GET), so other methods get 405 there, as on MLflow's server.
    assertThat(server.post("/", "{}").statusCode()).isEqualTo(405);
    HttpResponse<String> wrongMethod = server.get(API + "/runs/create");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    assertThat(wrongMethod.body()).contains("<title>405 Method Not Allowed</title>");
    HttpResponse<String> postToGet = server.post(AJAX + "/runs/get", "{}");
    assertThat(postToGet.statusCode()).isEqualTo(405);
    assertThat(postToGet.headers().firstValue("Allow")).hasValue("GET, OPTIONS, HEAD");
  }

  @Test
  void storeErrorsKeepTheirCodes() {
    assertError(
        server.get(API + "/runs/get?run_id=0123456789abcdef0123456789abcdef"),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        null);
    assertError(
        server.get(API + "/experiments/get?experiment_id=999999"),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        null);
    assertError(
        server.get(API + "/experiments/get-by-name?experiment_name=" + q("no such")),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        "Could not find experiment with name 'no such'");
    String name = unique("dup");
    createExperiment(API, name);
    assertError(
        server.post(API + "/experiments/create", "{\"name\": \"" + name + "\"}"),
        400,
        "RESOURCE_ALREADY_EXISTS",
        null);
  }

  private static String quoteJson(String text) {
    StringBuilder out = new StringBuilder();
    dev.mledger.server.json.PythonJson.writeString(text, out);
    return out.toString();
  }

  private static JsonNode readJson(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
