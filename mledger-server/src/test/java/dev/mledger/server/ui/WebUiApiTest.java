package dev.mledger.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI's HTTP surface without a browser: static files, the series and compare endpoints. */
class WebUiApiTest {
  @TempDir static Path dir;
  static RunningServer server;
  static UiTestData data;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.sqlite(dir);
    data = UiTestData.load(server, 3);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void rootRedirectsToTheUiAndServesTheAppAndItsLibraries() {
    HttpResponse<String> root = server.get("/");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/ui/");

    HttpResponse<String> index = server.get("/ui/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(index.body()).contains("<script type=\"module\" src=\"/ui/app.js\">");

    HttpResponse<String> module = server.get("/ui/pages/runs.js");
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(module.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));

    HttpResponse<String> echarts = server.get("/ui/lib/echarts/echarts.esm.min.mjs");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
  }

  @Test
  void unknownOrEscapingUiPathsAre404WithAnErrorBody() {
    for (String path :
        new String[] {
          "/ui/nope.js",
          "/ui/lib/react/react.js",
          "/ui/../logback.xml",
          "/ui/lib/echarts/../x.js",
          "/ui/dev/mledger/server/MledgerServer.class"
        }) {
      HttpResponse<String> response = server.get(path);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      if (response.statusCode() == 404) {
        assertThat(RunningServer.json(response).get("error_code").asText())
            .isEqualTo("ENDPOINT_NOT_FOUND");
      }
    }
  }

  @Test
  void seriesIsDownsampledWithLttbKeepingBothEnds() {
    String run = data.featuredRuns.get(0);

    JsonNode series =
        UiTestData.ok(server.get("/api/v1/runs/" + run + "/metrics/train_loss/series?points=100"));

    assertThat(series.get("total_points").asInt()).isEqualTo(1500);
    assertThat(series.get("points")).hasSize(100);
    assertThat(series.get("points").get(0).get("step").asLong()).isZero();
    assertThat(series.get("points").get(99).get("step").asLong()).isEqualTo(1499);
    JsonNode all = UiTestData.ok(server.get("/api/v1/runs/" + run + "/metrics/train_loss/series"));
    assertThat(all.get("points")).hasSize(MetricSeriesApi.DEFAULT_POINTS);
  }

  @Test
  void seriesSupportsKeysWithSlashesAndReportsBadInput() {
    String run = data.featuredRuns.get(0);
    UiTestData.call(
        server,
        "runs/log-metric",
        UiTestData.object()
            .put("run_id", run)
            .put("key", "eval/loss")
            .put("value", 0.5)
            .put("timestamp", 1L)
            .put("step", 0));

    JsonNode nested =
        UiTestData.ok(server.get("/api/v1/runs/" + run + "/metrics/eval/loss/series"));
    assertThat(nested.get("key").asText()).isEqualTo("eval/loss");
    assertThat(nested.get("points")).hasSize(1);

    HttpResponse<String> badPoints =
        server.get("/api/v1/runs/" + run + "/metrics/train_loss/series?points=1");
    assertThat(badPoints.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(badPoints).get("error_code").asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(server.get("/api/v1/runs/nope/metrics/x/series").statusCode()).isEqualTo(404);
  }

  @Test
  void compareGroupsSeedsAndComputesDeltasAndBands() {
    String ids = String.join(",", data.featuredRuns);

    JsonNode compare = UiTestData.ok(server.get("/api/v1/compare?run_ids=" + ids + "&points=50"));

    assertThat(compare.get("runs")).hasSize(10);
    assertThat(compare.get("groups")).hasSize(2);
    JsonNode ridge = compare.get("groups").get(0);
    assertThat(ridge.get("label").asText()).isEqualTo("alpha=0.1, hidden=16, model=ridge");
    assertThat(ridge.get("run_ids")).hasSize(UiTestData.SEEDS);
    JsonNode r2 = ridge.at("/metrics/test_r2");
    assertThat(r2.get("n").asInt()).isEqualTo(5);
    assertThat(r2.get("ci_low").asDouble()).isLessThan(r2.get("mean").asDouble());
    assertThat(r2.get("ci_high").asDouble()).isGreaterThan(r2.get("mean").asDouble());

    JsonNode loss = null;
    for (JsonNode curve : compare.get("curves")) {
      if (curve.get("key").asText().equals("train_loss")) {
        loss = curve;
      }
    }
    assertThat(loss).isNotNull();
    assertThat(loss.get("runs")).hasSize(10);
    assertThat(loss.get("runs").get(0).get("points")).hasSize(50);
    assertThat(loss.get("bands")).hasSize(2);
    assertThat(loss.get("bands").get(0).get("points")).hasSize(50);
    assertThat(loss.get("bands").get(0).get("points").get(0).get("n").asInt()).isEqualTo(5);

    assertThat(compare.get("deltas")).hasSize(9);
    JsonNode delta = compare.get("deltas").get(0).get("metrics").get(0);
    assertThat(delta.get("delta").asDouble())
        .isCloseTo(
            delta.get("value").asDouble() - delta.get("baseline").asDouble(),
            org.assertj.core.api.Assertions.within(1e-12));
    boolean modelDiffers = false;
    for (JsonNode param : compare.get("params")) {
      if (param.get("key").asText().equals("model")) {
        modelDiffers = param.get("differs").asBoolean();
      }
    }
    assertThat(modelDiffers).isTrue();
  }

  @Test
  void compareRejectsMissingOrUnknownRuns() {
    HttpResponse<String> missing = server.get("/api/v1/compare");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(missing).get("message").asText()).contains("run_ids");
    assertThat(server.get("/api/v1/compare?run_ids=nope").statusCode()).isEqualTo(404);
    assertThat(
            server
                .get("/api/v1/compare?run_ids=" + data.featuredRuns.get(0) + "&confidence=2")
                .statusCode())
        .isEqualTo(400);
  }
}
