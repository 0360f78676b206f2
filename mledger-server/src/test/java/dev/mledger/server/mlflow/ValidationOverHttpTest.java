package dev.mledger.server.mlflow;

import static dev.mledger.server.testing.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MLflow's content validation as a client sees it: status, error code and MLflow's exact message,
 * and nothing stored when a request is refused (checked through get-run, as a client would).
 */
class ValidationOverHttpTest {
  private static final String API = "/api/2.0/mlflow";
  private static final String INVALID = "INVALID_PARAMETER_VALUE";
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

  // ---- over-long values are refused, never truncated ----

  @Test
  void paramValueOf6001CharactersIsRefusedWithMlflowsMessage() {
    String runId = newRun();
    String value = "x".repeat(6001);
    assertError(
        server.post(API + "/runs/log-parameter", param(runId, "p", value)),
        "Param value '"
            + "x".repeat(250)
            + "' had length 6001, which exceeded length limit of 6000");
    assertThat(runData(runId).path("params").size()).isZero();

    String longest = "y".repeat(6000);
    ok(server.post(API + "/runs/log-parameter", param(runId, "p", longest)));
    assertThat(runData(runId).at("/params/0/value").asText()).isEqualTo(longest);
  }

  @Test
  void lengthLimitsCountCharactersNotUtf16Units() {
    String runId = newRun();
    // 6000 characters outside the BMP: 12,000 UTF-16 units, still within MLflow's limit.
    String emoji = "\uD83D\uDE00".repeat(6000);
    ok(server.post(API + "/runs/log-parameter", param(runId, "p", emoji)));
    assertThat(runData(runId).at("/params/0/value").asText()).isEqualTo(emoji);
  }

  @Test
  void runTagValueOver8000AndExperimentTagValueOver5000AreRefused() {
    String experimentId = newExperiment();
    String runId = newRun(experimentId);
    assertError(
        server.post(
            API + "/runs/set-tag",
            "{\"run_id\": \""
                + runId
                + "\", \"key\": \"t\", \"value\": \""
                + "v".repeat(8001)
                + "\"}"),
        "Tag value '" + "v".repeat(250) + "' had length 8001, which exceeded length limit of 8000");
    assertThat(tagKeys(runData(runId))).doesNotContain("t");

    assertError(
        server.post(
            API + "/experiments/set-experiment-tag",
            "{\"experiment_id\": \""
                + experimentId
                + "\", \"key\": \"t\", \"value\": \""
                + "v".repeat(5001)
                + "\"}"),
        "Tag value '" + "v".repeat(250) + "' had length 5001, which exceeded length limit of 5000");
    JsonNode experiment =
        json(ok(server.get(API + "/experiments/get?experiment_id=" + experimentId)));
    assertThat(experiment.at("/experiment/tags").size()).isZero();
  }

  @Test
  void createRunRefusesAnOverLongTagAndCreatesNothing() {
    String experimentId = newExperiment();
    assertError(
        server.post(
            API + "/runs/create",
            "{\"experiment_id\": \""
                + experimentId
                + "\", \"tags\": [{\"key\": \"t\", \"value\": \""
                + "v".repeat(8001)
                + "\"}]}"),
        "Tag value '" + "v".repeat(250) + "' had length 8001, which exceeded length limit of 8000");
    assertThat(
            ok(server.post(
                    API + "/runs/search",
                    "{\"experiment_ids\": [\"" + experimentId + "\"], \"run_view_type\": \"ALL\"}"))
                .body())
        .isEqualTo("{}");
  }

  // ---- names, timestamps, experiment fields ----

  @Test
  void singleEntityEndpointsUseMlflowsMessages() {
    String runId = newRun();
    assertError(
        server.post(
            API + "/runs/log-metric",
            "{\"run_id\": \"" + runId + "\", \"key\": \"a*b\", \"value\": 1, \"timestamp\": 1}"),
        "Invalid metric name: 'a*b'. Names may only contain alphanumerics, underscores (_), dashes"
            + " (-), periods (.), spaces ( ), colon(:) and slashes (/).");
    assertError(
        server.post(
            API + "/runs/log-metric",
            "{\"run_id\": \"" + runId + "\", \"key\": \"m\", \"value\": 0.5, \"timestamp\": -1}"),
        "Got invalid timestamp -1 for metric 'm' (value=0.5). Timestamp must be a nonnegative long"
            + " (64-bit integer) ");
    assertError(
        server.post(API + "/runs/log-parameter", param(runId, "a/../b", "1")),
        "Invalid parameter name: 'a/../b'. Names may be treated as files in certain cases, and must"
            + " not resolve to other names when treated as such. This name would resolve to 'b'");
    assertError(
        server.post(
            API + "/runs/set-tag",
            "{\"run_id\": \"" + runId + "\", \"key\": \"/abs\", \"value\": \"v\"}"),
        "Invalid tag name: '/abs'. Names may be treated as files in certain cases, and must not"
            + " resolve to other names when treated as such. This name would resolve to '/abs'");
    JsonNode data = runData(runId);
    assertThat(data.path("metrics").size()).isZero();
    assertThat(data.path("params").size()).isZero();
    assertThat(tagKeys(data)).doesNotContain("/abs");

    ok(server.post(API + "/runs/log-parameter", param(runId, "lr:max", "1")));
  }

  @Test
  void experimentNamesAndArtifactLocations() {
    assertError(
        server.post(API + "/experiments/create", "{\"name\": \"" + "e".repeat(501) + "\"}"),
        "Experiment name exceeds the maximum length of 500 characters");
    assertError(
        server.post(
            API + "/experiments/create",
            "{\"name\": \"" + unique("loc") + "\", \"artifact_location\": \"runs:/abc/model\"}"),
        "Artifact location cannot be a runs:/ URI. Given: 'runs:/abc/model'");
    // The handler checks the location before the store checks the name, as in MLflow.
    assertError(
        server.post(
            API + "/experiments/create",
            "{\"name\": \""
                + "e".repeat(501)
                + "\", \"artifact_location\": \"file:///tmp/a#../../etc\"}"),
        "'artifact_location' URL can't include fragments or params.");
    String name = unique("query");
    assertError(
        server.post(
            API + "/experiments/create",
            "{\"name\": \""
                + name
                + "\", \"artifact_location\": \"http://host/root?x=%252E%252E/etc\"}"),
        "Invalid query string");
    assertThat(server.get(API + "/experiments/get-by-name?experiment_name=" + name).statusCode())
        .isEqualTo(404);
    String experimentId = newExperiment();
    assertError(
        server.post(
            API + "/experiments/update",
            "{\"experiment_id\": \""
                + experimentId
                + "\", \"new_name\": \""
                + "e".repeat(501)
                + "\"}"),
        "Experiment name exceeds the maximum length of 500 characters");
  }

  @Test
  void searchPageSizesUseMlflowsMessages() {
    assertError(
        server.post(API + "/runs/search", "{\"max_results\": 0}"),
        "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer");
    assertError(
        server.get(API + "/experiments/search?max_results=0"),
        "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer");
    assertError(
        server.post(API + "/experiments/search", "{\"max_results\": 50001}"),
        "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000");
  }

  // ---- search filters that can match nothing ----

  @Test
  void runIdListThatMatchesNothingGivesAnEmptyResponse() {
    String experimentId = newExperiment();
    String runId = newRun(experimentId);
    // MLflow drops values with upper-case letters from a run_id list (run ids are lower-case hex),
    // so this list is empty and matches no run; the response has no "runs" key at all.
    HttpResponse<String> none =
        ok(server.post(API + "/runs/search", search(experimentId, "attributes.run_id IN ('ABC')")));
    assertThat(none.body()).isEqualTo("{}");

    JsonNode one =
        json(
            ok(
                server.post(
                    API + "/runs/search",
                    search(experimentId, "attributes.run_id IN ('ABC', '" + runId + "')"))));
    assertThat(one.get("runs")).singleElement();
    assertThat(one.at("/runs/0/info/run_id").asText()).isEqualTo(runId);
  }

  // ---- log-batch: limits and atomicity ----

  @Test
  void batchOf1001MetricsIsRefusedAndWritesNothing() {
    String runId = newRun();
    JsonNode before = runData(runId);
    assertError(
        server.post(API + "/runs/log-batch", batch(runId, metrics(1001), List.of(), List.of())),
        "A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split"
            + " up metrics across multiple requests and try again.");
    assertThat(runData(runId)).isEqualTo(before);
    assertThat(
            json(ok(server.get(API + "/metrics/get-history?run_id=" + runId + "&metric_key=m")))
                .size())
        .isZero();

    ok(server.post(API + "/runs/log-batch", batch(runId, metrics(1000), List.of(), List.of())));
    assertThat(
            json(ok(server.get(API + "/metrics/get-history?run_id=" + runId + "&metric_key=m")))
                .get("metrics"))
        .hasSize(1000);
  }

  static Stream<Arguments> rejectedBatches() {
    List<String> oneMetric = List.of(metric("m", "1", 1));
    List<String> oneParam = List.of(entity("p", "1"));
    List<String> oneTag = List.of(entity("t", "1"));
    return Stream.of(
        Arguments.of(
            "101 params",
            oneMetric,
            entities("p", 101),
            oneTag,
            "A batch logging request can contain at most 100 params. Got 101 params. Please split"
                + " up params across multiple requests and try again."),
        Arguments.of(
            "101 tags",
            oneMetric,
            oneParam,
            entities("t", 101),
            "A batch logging request can contain at most 100 tags. Got 101 tags. Please split up"
                + " tags across multiple requests and try again."),
        Arguments.of(
            "1001 entities",
            metrics(900),
            entities("p", 100),
            oneTag,
            "A batch logging request can contain at most 1000 metrics, params, and tags. Got 1001"
                + " metrics, params, and tags. Please split up metrics, params, and tags across"
                + " multiple requests and try again."),
        Arguments.of(
            "repeated param key, same value",
            oneMetric,
            List.of(entity("p", "1"), entity("q", "2"), entity("p", "1")),
            oneTag,
            "Duplicate parameter keys have been submitted: ['p']. Please ensure the request"
                + " contains only one param value per param key."),
        Arguments.of(
            "bad metric name after a good one",
            List.of(metric("ok", "1", 1), metric("bad name!", "1", 1)),
            oneParam,
            oneTag,
            "Invalid metric name: 'bad name!'. Names may only contain alphanumerics, underscores"
                + " (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/)."),
        Arguments.of(
            "negative timestamp",
            List.of(metric("m", "2.5", -5)),
            oneParam,
            oneTag,
            "Got invalid timestamp -5 for metric 'm' (value=2.5). Timestamp must be a nonnegative"
                + " long (64-bit integer) "),
        Arguments.of(
            "over-long param value",
            oneMetric,
            List.of(entity("p", "1"), entity("q", "z".repeat(6001))),
            oneTag,
            "Param value '"
                + "z".repeat(250)
                + "' had length 6001, which exceeded length limit of 6000"),
        Arguments.of(
            "over-long tag value",
            oneMetric,
            oneParam,
            List.of(entity("t", "z".repeat(8001))),
            "Tag value '"
                + "z".repeat(250)
                + "' had length 8001, which exceeded length limit of 8000"),
        Arguments.of(
            "over-long param key",
            oneMetric,
            List.of(entity("k".repeat(251), "1")),
            oneTag,
            "Param key '"
                + "k".repeat(250)
                + "' had length 251, which exceeded length limit of 250"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedBatches")
  void aRejectedBatchWritesNothing(
      String description,
      List<String> metrics,
      List<String> params,
      List<String> tags,
      String message) {
    String runId = newRun();
    ok(server.post(API + "/runs/log-parameter", param(runId, "existing", "kept")));
    JsonNode before = runData(runId);

    assertError(server.post(API + "/runs/log-batch", batch(runId, metrics, params, tags)), message);

    assertThat(runData(runId)).as(description).isEqualTo(before);
  }

  @Test
  void invalidRunIdIsCheckedBeforeTheBatch() {
    assertError(
        server.post(
            API + "/runs/log-batch", batch("not a run id", metrics(1001), List.of(), List.of())),
        "Invalid run ID: 'not a run id'");
  }

  // ---- helpers ----

  private static String unique(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  private static String newExperiment() {
    return json(ok(
            server.post(
                API + "/experiments/create", "{\"name\": \"" + unique("validation") + "\"}")))
        .get("experiment_id")
        .asText();
  }

  private static String newRun() {
    return newRun(newExperiment());
  }

  private static String newRun(String experimentId) {
    return json(ok(
            server.post(
                API + "/runs/create",
                "{\"experiment_id\": \"" + experimentId + "\", \"start_time\": 1}")))
        .at("/run/info/run_id")
        .asText();
  }

  /** The run's data as get-run returns it. */
  private static JsonNode runData(String runId) {
    return json(ok(server.get(API + "/runs/get?run_id=" + runId))).at("/run/data");
  }

  private static List<String> tagKeys(JsonNode data) {
    List<String> keys = new ArrayList<>();
    data.path("tags").forEach(t -> keys.add(t.get("key").asText()));
    return keys;
  }

  private static String param(String runId, String key, String value) {
    return "{\"run_id\": \""
        + runId
        + "\", \"key\": \""
        + key
        + "\", \"value\": \""
        + value
        + "\"}";
  }

  private static String search(String experimentId, String filter) {
    return "{\"experiment_ids\": [\""
        + experimentId
        + "\"], \"filter\": \""
        + filter.replace("\"", "\\\"")
        + "\"}";
  }

  private static String metric(String key, String value, long timestamp) {
    return "{\"key\": \""
        + key
        + "\", \"value\": "
        + value
        + ", \"timestamp\": "
        + timestamp
        + ", \"step\": 0}";
  }

  /** {@code count} points of metric {@code m}, distinct by step. */
  private static List<String> metrics(int count) {
    List<String> metrics = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      metrics.add("{\"key\": \"m\", \"value\": 1, \"timestamp\": 1, \"step\": " + i + "}");
    }
    return metrics;
  }

  private static String entity(String key, String value) {
    return "{\"key\": \"" + key + "\", \"value\": \"" + value + "\"}";
  }

  private static List<String> entities(String prefix, int count) {
    List<String> entities = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entities.add(entity(prefix + i, "v"));
    }
    return entities;
  }

  private static String batch(
      String runId, List<String> metrics, List<String> params, List<String> tags) {
    return "{\"run_id\": \""
        + runId
        + "\", \"metrics\": ["
        + String.join(", ", metrics)
        + "], \"params\": ["
        + String.join(", ", params)
        + "], \"tags\": ["
        + String.join(", ", tags)
        + "]}";
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private static void assertError(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("error_code").asText()).isEqualTo(INVALID);
    assertThat(body.get("message").asText()).isEqualTo(message);
    assertThat(body.size()).isEqualTo(2);
  }
}
