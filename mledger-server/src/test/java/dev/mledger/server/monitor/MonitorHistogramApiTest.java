package dev.mledger.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/monitors/{id}/reports/{report_id}/histogram: reference vs one window. */
class MonitorHistogramApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private RunningServer server;
  private String monitorId;
  private String firstReport;
  private String secondReport;

  @BeforeEach
  void start() throws InterruptedException {
    server = RunningServer.sqlite(dir);
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "m").put("model", "churn").put("reference", "dataset:customers@1.0.0");
    ArrayNode features = body.putArray("features");
    features.addObject().put("name", "x").put("type", "numeric");
    features.addObject().put("name", "color").put("type", "categorical");
    body.putObject("window").put("count", 50);
    ArrayNode reference = body.putArray("reference_rows");
    // x = 0.0, 0.1, ..., 9.9 (100 values: the sketch is exact); 60 red, 40 blue.
    for (int i = 0; i < 100; i++) {
      reference.add(row(i / 10.0, i < 60 ? "red" : "blue"));
    }
    monitorId = ok(server.post("/api/v1/monitors", body.toString())).at("/monitor/id").asText();
    // Window 1: x = 5.0 .. 14.8 (step 0.2), 10 red, 40 green (a category the reference never saw),
    // one missing x. Window 2: the reference's lower half again.
    ArrayNode first = JSON.createArrayNode();
    for (int i = 0; i < 50; i++) {
      ObjectNode r = row(5 + i * 0.2, i < 10 ? "red" : "green");
      if (i == 49) {
        ((ObjectNode) r.get("features")).putNull("x");
      }
      first.add(r);
    }
    ok(server.post("/api/v1/monitors/" + monitorId + "/events", first.toString()));
    ArrayNode second = JSON.createArrayNode();
    for (int i = 0; i < 50; i++) {
      second.add(row(i / 10.0, "blue"));
    }
    ok(server.post("/api/v1/monitors/" + monitorId + "/events", second.toString()));
    // Reports are written in the background; newest first.
    JsonNode reports = awaitReports(2);
    firstReport = reports.get(1).get("id").asText();
    secondReport = reports.get(0).get("id").asText();
  }

  private JsonNode awaitReports(int count) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    JsonNode reports;
    do {
      reports = ok(server.get("/api/v1/monitors/" + monitorId + "/reports")).get("reports");
      if (reports.size() >= count) {
        return reports;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("expected " + count + " reports, got " + reports);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ObjectNode row(double x, String color) {
    ObjectNode row = JSON.createObjectNode();
    row.putObject("features").put("x", x).put("color", color);
    return row;
  }

  private JsonNode histogram(String report, String query) {
    return ok(
        server.get("/api/v1/monitors/" + monitorId + "/reports/" + report + "/histogram?" + query));
  }

  @Test
  void numericBinsShareEqualWidthsOverBothRangesWithExactCounts() {
    JsonNode h = histogram(firstReport, "feature=x&bins=5");

    assertThat(h.get("type").asText()).isEqualTo("numeric");
    assertThat(h.get("reference_rows").asLong()).isEqualTo(100);
    assertThat(h.get("current_rows").asLong()).isEqualTo(49);
    assertThat(h.get("current_missing").asLong()).isEqualTo(1);
    assertThat(h.get("approximate").asBoolean()).isFalse();
    // Union range [0, 14.6] in 5 bins of 2.92, right-closed, the first one holding the minimum.
    JsonNode bins = h.get("bins");
    assertThat(bins).hasSize(5);
    assertThat(bins.get(0).get("low").asDouble()).isEqualTo(0.0);
    assertThat(bins.get(4).get("high").asDouble()).isCloseTo(14.6, within());
    double[] expected = {2.92, 5.84, 8.76, 11.68, 14.6};
    double[] edges = new double[5];
    for (int b = 0; b < 5; b++) {
      edges[b] = bins.get(b).get("high").asDouble();
      assertThat(edges[b]).isCloseTo(expected[b], within());
    }
    long[] reference = new long[5];
    long[] current = new long[5];
    for (int i = 0; i < 100; i++) {
      reference[binOf(edges, i / 10.0)]++;
    }
    for (int i = 0; i < 49; i++) {
      current[binOf(edges, 5 + i * 0.2)]++;
    }
    for (int b = 0; b < 5; b++) {
      assertThat(bins.get(b).get("reference").asLong())
          .as("reference bin " + b)
          .isEqualTo(reference[b]);
      assertThat(bins.get(b).get("current").asLong()).as("current bin " + b).isEqualTo(current[b]);
    }
    assertThat(h.get("report_id").asText()).isEqualTo(firstReport);
  }

  @Test
  void eachWindowReadsOnlyItsOwnEvents() {
    JsonNode h = histogram(secondReport, "feature=x&bins=2");
    // Range [0, 9.9]: 0..4.9 fall in the lower half (≤ 4.95) for both.
    assertThat(h.get("current_rows").asLong()).isEqualTo(50);
    assertThat(h.get("bins").get(0).get("current").asLong()).isEqualTo(50);
    assertThat(h.get("bins").get(1).get("current").asLong()).isZero();
    assertThat(h.get("bins").get(0).get("reference").asLong()).isEqualTo(50);
  }

  @Test
  void categoricalBinsPerCategoryMostFrequentFirstWithUnseenMarkedAndTheRestGrouped() {
    JsonNode h = histogram(firstReport, "feature=color");
    assertThat(h.get("type").asText()).isEqualTo("categorical");
    JsonNode bins = h.get("bins");
    assertThat(bins).hasSize(3);
    assertThat(bins.get(0).get("category").asText()).isEqualTo("red");
    assertThat(bins.get(0).get("reference").asLong()).isEqualTo(60);
    assertThat(bins.get(0).get("current").asLong()).isEqualTo(10);
    // blue (40 + 0) and green (0 + 40) tie; names break the tie.
    assertThat(bins.get(1).get("category").asText()).isEqualTo("blue");
    assertThat(bins.get(2).get("category").asText()).isEqualTo("green");
    assertThat(bins.get(2).get("unseen").asBoolean()).isTrue();
    assertThat(bins.get(2).get("current").asLong()).isEqualTo(40);

    JsonNode two = histogram(firstReport, "feature=color&bins=2");
    assertThat(two.get("bins")).hasSize(3);
    assertThat(two.get("bins").get(2).get("other").asBoolean()).isTrue();
    assertThat(two.get("bins").get(2).get("current").asLong()).isEqualTo(40);
  }

  @Test
  void badRequestsAreOneLineErrors() {
    String base = "/api/v1/monitors/" + monitorId + "/reports/";
    error(server.get(base + firstReport + "/histogram"), 400, "'feature'");
    error(server.get(base + firstReport + "/histogram?feature=nope"), 400, "has no feature 'nope'");
    error(server.get(base + firstReport + "/histogram?feature=x&bins=1"), 400, "from 2 to 200");
    error(server.get(base + firstReport + "/histogram?feature=x&bins=many"), 400, "from 2 to 200");
    assertThat(server.get(base + "unknown/histogram?feature=x").statusCode()).isEqualTo(404);
  }

  private static int binOf(double[] edges, double x) {
    for (int i = 0; i < edges.length; i++) {
      if (x <= edges[i]) {
        return i;
      }
    }
    return edges.length - 1;
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  private static void error(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = RunningServer.json(response);
    assertThat(body.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(body.get("message").asText()).contains(message).doesNotContain("\n");
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningServer.json(response);
  }
}
