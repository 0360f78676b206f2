package dev.mledger.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.mledger.server.testing.RunningServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "s3cret";

  @TempDir Path dir;
  private RunningServer server;
  private HttpServer receiver;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Boolean> signatureValid = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger(2);

  @BeforeEach
  void start() throws IOException {
    server = RunningServer.sqlite(dir);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String signature =
              exchange.getRequestHeaders().getFirst(WebhookNotifier.SIGNATURE_HEADER);
          signatureValid.add(WebhookNotifier.sign(SECRET, body).equals(signature));
          received.add(new String(body, StandardCharsets.UTF_8));
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    server.close();
    receiver.stop(0);
  }

  private static ObjectNode row(double x, String color, String prediction) {
    ObjectNode row = JSON.createObjectNode();
    row.putObject("features").put("x", x).put("color", color);
    row.put("prediction", prediction);
    return row;
  }

  private String createMonitor(String name) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    body.put("model", "churn");
    body.put("version", "1");
    body.put("reference", "dataset:customers@1.0.0");
    ArrayNode features = body.putArray("features");
    features.addObject().put("name", "x").put("type", "numeric");
    features.addObject().put("name", "color").put("type", "categorical");
    body.put("prediction_type", "categorical");
    body.putObject("window").put("count", 200);
    ObjectNode policy = body.putObject("alert_policy");
    policy
        .putArray("rules")
        .addObject()
        .put("statistic", "p_value")
        .put("threshold", 0.01)
        .put("severity", "critical");
    policy.put("correction", "bonferroni");
    body.putObject("webhook")
        .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
        .put("secret", SECRET);
    ArrayNode reference = body.putArray("reference_rows");
    Random r = new Random(1);
    for (int i = 0; i < 1000; i++) {
      reference.add(
          row(r.nextGaussian(), r.nextBoolean() ? "red" : "blue", r.nextBoolean() ? "a" : "b"));
    }
    HttpResponse<String> created = server.post("/api/v1/monitors", body.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode monitor = RunningServer.json(created).get("monitor");
    assertThat(monitor.path("webhook").path("signed").asBoolean()).isTrue();
    assertThat(created.body()).doesNotContain(SECRET);
    return monitor.get("id").asText();
  }

  /** Waits until the server has written every report the events so far closed. */
  static void awaitReports(RunningServer server, String monitorId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (RunningServer.json(server.get("/api/v1/monitors/" + monitorId))
        .path("monitor")
        .path("reports_pending")
        .asBoolean()) {
      assertThat(System.nanoTime()).as("reports still pending after 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static ArrayNode shifted(int n, long seed) {
    Random r = new Random(seed);
    ArrayNode rows = JSON.createArrayNode();
    for (int i = 0; i < n; i++) {
      rows.add(row(2 + r.nextGaussian(), r.nextBoolean() ? "red" : "blue", "a"));
    }
    return rows;
  }

  @Test
  void jsonBatchRejectsBadRowsKeepsGoodOnesAndAlertsThroughASignedRetriedWebhook()
      throws Exception {
    String id = createMonitor("m1");
    ArrayNode rows = shifted(200, 2);
    rows.insert(3, JSON.createObjectNode().put("prediction", "a"));
    ObjectNode bad = row(1, "red", "a");
    ((ObjectNode) bad.get("features")).put("x", "one");
    rows.insert(10, bad);

    HttpResponse<String> response =
        server.post("/api/v1/monitors/" + id + "/events", rows.toString());
    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode result = RunningServer.json(response);
    assertThat(result.get("accepted").asInt()).isEqualTo(200);
    assertThat(result.get("rejected")).hasSize(2);
    assertThat(result.get("rejected").get(0).get("index").asInt()).isEqualTo(3);
    assertThat(result.get("rejected").get(0).get("reason").asText())
        .contains("features must be a JSON object");
    assertThat(result.get("rejected").get(1).get("index").asInt()).isEqualTo(10);
    assertThat(result.get("rejected").get(1).get("reason").asText())
        .contains("feature 'x' must be a number");
    assertThat(result.get("last_sequence").asLong()).isEqualTo(200);
    assertThat(result.has("reports_pending")).isTrue();
    awaitReports(server, id);

    JsonNode reports =
        RunningServer.json(server.get("/api/v1/monitors/" + id + "/reports")).get("reports");
    assertThat(reports).hasSize(1);
    JsonNode report = reports.get(0);
    assertThat(report.get("rows").asInt()).isEqualTo(200);
    assertThat(report.get("features").get(0).get("drifted").asBoolean()).isTrue();
    assertThat(report.get("root_cause").get(0).get("feature").asText()).isEqualTo("x");
    JsonNode alert = report.get("alerts").get(0);
    assertThat(alert.get("feature").asText()).isEqualTo("x");
    assertThat(alert.get("kind").asText()).isEqualTo("opened");
    assertThat(alert.get("severity").asText()).isEqualTo("critical");
    String alertId = alert.get("id").asText();

    // Two 500s, then success: three signed attempts, all recorded.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode deliveries;
    do {
      Thread.sleep(200);
      deliveries =
          RunningServer.json(server.get("/api/v1/monitors/" + id + "/alerts/" + alertId))
              .get("alert")
              .get("deliveries");
    } while (deliveries.size() < 3 && System.nanoTime() < deadline);
    assertThat(deliveries).hasSize(3);
    assertThat(deliveries.get(0).get("status_code").asInt()).isEqualTo(500);
    assertThat(deliveries.get(0).get("succeeded").asBoolean()).isFalse();
    assertThat(deliveries.get(2).get("succeeded").asBoolean()).isTrue();
    assertThat(signatureValid).containsExactly(true, true, true);
    assertThat(JSON.readTree(received.get(0)).path("alert").path("id").asText()).isEqualTo(alertId);

    // Acknowledgement needs a user and is kept.
    HttpResponse<String> anonymous =
        server.post("/api/v1/monitors/" + id + "/alerts/" + alertId + "/ack", "{}");
    assertThat(anonymous.statusCode()).isEqualTo(400);
    HttpResponse<String> acked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        server
                            .base()
                            .resolve("/api/v1/monitors/" + id + "/alerts/" + alertId + "/ack"))
                    .header("X-Mledger-User", "ana")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"on it\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(RunningServer.json(acked).get("alert").get("acknowledged_by").asText())
        .isEqualTo("ana");
    assertThat(
            RunningServer.json(server.get("/api/v1/monitors/" + id + "/alerts?unacknowledged=true"))
                .get("alerts"))
        .isEmpty();

    JsonNode rootCause =
        RunningServer.json(
            server.get("/api/v1/monitors/" + id + "/alerts/" + alertId + "/root-cause"));
    assertThat(rootCause.get("drifted_features").get(0).get("feature").asText()).isEqualTo("x");
    assertThat(rootCause.get("reference").asText()).isEqualTo("dataset:customers@1.0.0");
    assertThat(rootCause.get("upstream_changes")).isEmpty();
  }

  @Test
  void ndjsonRejectsMalformedLinesOnly() throws InterruptedException {
    String id = createMonitor("m2");
    StringBuilder body = new StringBuilder();
    for (JsonNode row : shifted(5, 3)) {
      body.append(row).append('\n');
    }
    body.append("{not json\n");
    body.append(row(0.1, "red", "b")).append("\n\n");
    HttpResponse<String> response =
        server.request(
            "POST", "/api/v1/monitors/" + id + "/events", body.toString(), "application/x-ndjson");
    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode result = RunningServer.json(response);
    assertThat(result.get("accepted").asInt()).isEqualTo(6);
    assertThat(result.get("rejected").get(0).get("index").asInt()).isEqualTo(5);
    assertThat(result.get("rejected").get(0).get("reason").asText()).startsWith("malformed JSON");
    awaitReports(server, id);
    JsonNode monitor = RunningServer.json(server.get("/api/v1/monitors/" + id)).get("monitor");
    assertThat(monitor.get("events").asLong()).isEqualTo(6);
    assertThat(monitor.get("reported_through").asLong()).isZero();
  }

  @Test
  void clearErrorsForBadRequests() {
    assertThat(server.post("/api/v1/monitors", "{").statusCode()).isEqualTo(400);
    HttpResponse<String> noFeatures =
        server.post("/api/v1/monitors", "{\"name\":\"x\",\"model\":\"m\",\"reference\":\"run:1\"}");
    assertThat(noFeatures.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(noFeatures).get("error_code").asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(server.get("/api/v1/monitors/nope").statusCode()).isEqualTo(404);
    String id = createMonitor("m3");
    HttpResponse<String> notArray = server.post("/api/v1/monitors/" + id + "/events", "{}");
    assertThat(notArray.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(notArray).get("error_code").asText())
        .isEqualTo("MALFORMED_REQUEST");
    assertThat(server.get("/api/v1/monitors/" + id + "/reports?limit=0").statusCode())
        .isEqualTo(400);
    assertThat(server.post("/api/v1/monitors", createBodyTwice()).statusCode()).isEqualTo(400);
  }

  private String createBodyTwice() {
    return "{\"name\":\"m3\",\"model\":\"m\",\"reference\":\"run:1\",\"features\":[{\"name\":\"x\",\"type\":\"numeric\"}],"
        + "\"reference_rows\":[{\"features\":{\"x\":1}}]}";
  }

  @Test
  void tuningReportsRatesAndARecommendation() {
    String body =
        "{\"statistic\":\"psi\",\"max_false_negative_rate\":0,\"history\":["
            + "{\"value\":0.05,\"incident\":false},{\"value\":0.3,\"incident\":true},"
            + "{\"value\":0.25,\"incident\":false},{\"value\":0.4,\"incident\":true}]}";
    JsonNode result = RunningServer.json(server.post("/api/v1/monitors/tune", body));
    assertThat(result.get("thresholds")).hasSize(4);
    assertThat(result.get("recommended").get("threshold").asDouble()).isEqualTo(0.3);
    assertThat(result.get("recommended").get("false_positive_rate").asDouble()).isZero();
  }

  @Test
  void retrainLoopRunsTheCommandAndRecordsEveryStep() throws Exception {
    String id = createMonitor("m4");
    String policy =
        "{\"min_severity\":\"critical\",\"cooldown_seconds\":3600,\"budget\":1,"
            + "\"command\":[\"sh\",\"-c\",\"echo monitor=$MLEDGER_MONITOR_ID uri=$MLEDGER_TRACKING_URI;"
            + " echo mledger.run_id=abc123; echo mledger.model_version=churn/2\"]}";
    HttpResponse<String> set = server.post("/api/v1/monitors/" + id + "/retrain-policy", policy);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(
            server
                .post("/api/v1/monitors/" + id + "/events", shifted(200, 4).toString())
                .statusCode())
        .isEqualTo(200);

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode steps;
    do {
      Thread.sleep(100);
      steps =
          RunningServer.json(server.get("/api/v1/monitors/" + id + "/retrain-steps")).get("steps");
    } while (steps.size() < 5 && System.nanoTime() < deadline);
    assertThat(steps)
        .extracting(s -> s.get("step").asText())
        .containsExactly("triggered", "launched", "finished", "run_linked", "kept");
    assertThat(steps.get(0).get("detail").get("triggers").get(0).asText())
        .startsWith("drift: critical");
    assertThat(steps.get(2).get("detail").get("exit_code").asInt()).isZero();
    assertThat(steps.get(2).get("detail").get("output_tail").get(0).asText())
        .isEqualTo("monitor=" + id + " uri=" + server.base());
    assertThat(steps.get(3).get("detail").get("run_id").asText()).isEqualTo("abc123");

    // The alert is still open: the next breach is deduplicated and triggers nothing.
    server.post("/api/v1/monitors/" + id + "/events", shifted(200, 5).toString());
    awaitReports(server, id);
    assertThat(
            RunningServer.json(server.get("/api/v1/monitors/" + id + "/retrain-steps"))
                .get("steps"))
        .extracting(s -> s.get("step").asText())
        .doesNotContain("vetoed")
        .hasSize(5);
  }

  private static ObjectNode embedded(Random r, double shift) {
    ObjectNode row = JSON.createObjectNode();
    row.putObject("features").put("x", r.nextGaussian());
    ArrayNode embedding = row.putArray("embedding");
    for (int i = 0; i < 3; i++) {
      embedding.add(r.nextGaussian() + (i == 0 ? shift : 0));
    }
    return row;
  }

  @Test
  void embeddingsAreTestedPerWindowAndAlertedOn() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "encoder").put("model", "encoder").put("reference", "run:r1");
    body.putArray("features").addObject().put("name", "x").put("type", "numeric");
    body.put("embedding_dimension", 3);
    body.putObject("window").put("count", 150);
    ArrayNode rules = body.putObject("alert_policy").putArray("rules");
    rules
        .addObject()
        .put("statistic", "mmd_p_value")
        .put("threshold", 0.01)
        .put("severity", "critical");
    rules
        .addObject()
        .put("statistic", "embedding_distance")
        .put("threshold", 5)
        .put("severity", "warning");
    ArrayNode reference = body.putArray("reference_rows");
    Random r = new Random(5);
    for (int i = 0; i < 400; i++) {
      reference.add(embedded(r, 0));
    }
    HttpResponse<String> created = server.post("/api/v1/monitors", body.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode monitor = RunningServer.json(created).get("monitor");
    assertThat(monitor.get("embedding_dimension").asInt()).isEqualTo(3);
    String id = monitor.get("id").asText();

    ArrayNode events = JSON.createArrayNode();
    for (int i = 0; i < 150; i++) {
      events.add(embedded(r, 2));
    }
    ObjectNode wrongLength = embedded(r, 0);
    ((ArrayNode) wrongLength.get("embedding")).add(1.0);
    events.add(wrongLength);
    HttpResponse<String> sent =
        server.post("/api/v1/monitors/" + id + "/events", events.toString());
    assertThat(sent.statusCode()).isEqualTo(207);
    assertThat(RunningServer.json(sent).get("rejected").get(0).get("reason").asText())
        .isEqualTo("embedding has 4 values; this monitor's embeddings have 3");
    awaitReports(server, id);

    JsonNode report =
        RunningServer.json(server.get("/api/v1/monitors/" + id + "/reports")).get("reports").get(0);
    JsonNode embedding = report.get("embedding");
    assertThat(embedding.get("test").asText()).isEqualTo("mmd");
    assertThat(embedding.get("rows").asInt()).isEqualTo(150);
    assertThat(embedding.get("reference_rows").asInt()).isEqualTo(400);
    assertThat(embedding.get("drifted").asBoolean()).isTrue();
    assertThat(embedding.get("p_value").asDouble()).isLessThan(0.01);
    assertThat(embedding.get("mean_embedding_distance").asDouble()).isBetween(1.5, 2.5);
    assertThat(report.get("alerts"))
        .extracting(a -> a.get("feature").asText() + " " + a.get("statistic").asText())
        .containsExactly("* mmd_p_value");

    // A monitor without embedding_dimension refuses embeddings row by row.
    String plain = createMonitor("plain");
    ObjectNode row = row(0.1, "red", "a");
    row.putArray("embedding").add(1).add(2).add(3);
    HttpResponse<String> refused =
        server.post("/api/v1/monitors/" + plain + "/events", "[" + row + "]");
    assertThat(refused.statusCode()).isEqualTo(207);
    assertThat(refused.body()).contains("this monitor takes no embeddings");
  }
}
