package dev.mledger.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import dev.mledger.store.monitor.NewEvent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped with monitoring work under way and started again on the same store: nothing is
 * lost, in-flight work drains within the timeout, and the rest resumes.
 */
class MonitorShutdownAndResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Stores stores;
  private MledgerServer server;
  private URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void open() {
    stores =
        Stores.open(
            "sqlite:///" + dir.resolve("mledger.db"), dir.resolve("artifacts").toUri().toString());
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.stop();
    }
    stores.close();
  }

  private void start(Duration drainTimeout) {
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, stores, "file:///tmp/artifacts", "test", null),
            drainTimeout);
    base = URI.create("http://127.0.0.1:" + server.start());
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private String createMonitor(String webhookUrl) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "m").put("model", "churn").put("reference", "run:r1");
    body.putArray("features").addObject().put("name", "x").put("type", "numeric");
    body.putObject("window").put("count", 100);
    body.putObject("alert_policy")
        .putArray("rules")
        .addObject()
        .put("statistic", "p_value")
        .put("threshold", 0.01)
        .put("severity", "critical");
    if (webhookUrl != null) {
      body.putObject("webhook").put("url", webhookUrl);
    }
    ArrayNode reference = body.putArray("reference_rows");
    Random r = new Random(1);
    for (int i = 0; i < 300; i++) {
      reference.addObject().putObject("features").put("x", r.nextGaussian());
    }
    return call("POST", "/api/v1/monitors", body.toString()).get("monitor").get("id").asText();
  }

  private static String shiftedEvents(int n) {
    ArrayNode rows = JSON.createArrayNode();
    Random r = new Random(2);
    for (int i = 0; i < n; i++) {
      rows.addObject().putObject("features").put("x", 3 + r.nextGaussian());
    }
    return rows.toString();
  }

  private JsonNode await(String path, String field, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode value = call("GET", path, null).get(field);
    while (!done.test(value)) {
      assertThat(System.nanoTime()).as("waiting for " + path).isLessThan(deadline);
      Thread.sleep(50);
      value = call("GET", path, null).get(field);
    }
    return value;
  }

  @Test
  void closedButUnreportedWindowsAreReportedOnStart() throws Exception {
    start(Duration.ofSeconds(5));
    String id = createMonitor(null);
    server.stop();

    // Events stored but never reported, as after a crash between ingest and report.
    List<NewEvent> events = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 250; i++) {
      events.add(new NewEvent(1_000 + i, "{\"features\":{\"x\":" + (3 + r.nextGaussian()) + "}}"));
    }
    stores.monitors().append(id, events);

    start(Duration.ofSeconds(5));
    JsonNode reports =
        await("/api/v1/monitors/" + id + "/reports", "reports", rs -> rs.size() == 2);
    assertThat(reports.get(0).get("last_sequence").asLong()).isEqualTo(200);
    assertThat(reports.get(1).get("last_sequence").asLong()).isEqualTo(100);
    JsonNode monitor = call("GET", "/api/v1/monitors/" + id, null).get("monitor");
    assertThat(monitor.get("reported_through").asLong()).isEqualTo(200);
    assertThat(monitor.get("reports_pending").asBoolean()).isFalse();
  }

  @Test
  void stopDrainsAnInFlightDeliveryAndTheNextStartResumesTheRest() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    CountDownLatch firstArrived = new CountDownLatch(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    List<String> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          attempts.add(exchange.getRequestHeaders().getFirst("X-Mledger-Delivery-Attempt"));
          int n = requests.incrementAndGet();
          if (n == 1) {
            firstArrived.countDown();
            sleep(1500); // still in flight when the server is told to stop
          }
          exchange.sendResponseHeaders(n == 1 ? 500 : 204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      start(Duration.ofSeconds(10));
      String id = createMonitor("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      call("POST", "/api/v1/monitors/" + id + "/events", shiftedEvents(100));
      assertThat(firstArrived.await(30, TimeUnit.SECONDS)).isTrue();

      long before = System.nanoTime();
      server.stop();
      long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
      assertThat(stopMillis).as("stop waits for the attempt, not for the backoff").isLessThan(8000);
      String alertId = stores.monitors().alerts(id, false, 10).get(0).id();
      // The in-flight attempt finished and was recorded; the retry was left for the next start.
      assertThat(stores.monitors().deliveries(alertId))
          .singleElement()
          .satisfies(d -> assertThat(d.statusCode()).isEqualTo(500));
      Thread.sleep(1200);
      assertThat(requests.get()).isEqualTo(1);

      start(Duration.ofSeconds(10));
      JsonNode deliveries =
          await(
              "/api/v1/monitors/" + id + "/alerts/" + alertId,
              "alert",
              a -> a.get("deliveries").size() == 2);
      assertThat(deliveries.get("deliveries").get(1).get("attempt").asInt()).isEqualTo(2);
      assertThat(deliveries.get("deliveries").get(1).get("succeeded").asBoolean()).isTrue();
      assertThat(attempts).containsExactly("1", "2");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aRetrainCommandStillRunningAtStopIsInterruptedAndResumedOnTheNextStart() throws Exception {
    Path ready = dir.resolve("ready");
    start(Duration.ofMillis(500));
    String id = createMonitor(null);
    String script =
        "if [ -f '"
            + ready
            + "' ]; then echo mledger.run_id=r2; echo mledger.model_version=churn/2;"
            + " else sleep 60; fi";
    ObjectNode policy = JSON.createObjectNode().put("min_severity", "critical");
    policy.putArray("command").add("sh").add("-c").add(script);
    call("POST", "/api/v1/monitors/" + id + "/retrain-policy", policy.toString());
    call("POST", "/api/v1/monitors/" + id + "/events", shiftedEvents(100));
    await(
        "/api/v1/monitors/" + id + "/retrain-steps",
        "steps",
        s -> s.size() == 2 && s.get(1).get("step").asText().equals("launched"));

    long before = System.nanoTime();
    server.stop();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(15_000);
    assertThat(stores.monitors().steps(id))
        .extracting(s -> s.step())
        .containsExactly("triggered", "launched", "interrupted");

    Files.writeString(ready, "");
    start(Duration.ofSeconds(5));
    JsonNode steps =
        await(
            "/api/v1/monitors/" + id + "/retrain-steps",
            "steps",
            s -> s.get(s.size() - 1).get("step").asText().equals("kept"));
    List<String> names = new ArrayList<>();
    steps.forEach(s -> names.add(s.get("step").asText()));
    assertThat(names)
        .containsExactly(
            "triggered",
            "launched",
            "interrupted",
            "resumed",
            "launched",
            "finished",
            "run_linked",
            "kept");
    assertThat(steps.get(0).get("attempt_id").asText())
        .isEqualTo(steps.get(7).get("attempt_id").asText());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
