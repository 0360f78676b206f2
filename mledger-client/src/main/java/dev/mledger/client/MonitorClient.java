package dev.mledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends production events to a monitor ({@code POST /api/v1/monitors/{id}/events}, see
 * docs/MONITORING.md) in batches. Obtain one from {@link MledgerClient#monitors()}; it shares that
 * client's connection, credentials and {@link RetryPolicy}.
 *
 * <p>Event posts are not idempotent, so a batch is retried only when the failure proves nothing
 * reached the server (connection refused, connect timeout); an ambiguous failure (a timeout after
 * sending) is raised instead of risking duplicate events.
 */
public final class MonitorClient {
  /** Events per request unless told otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REPORTS = 1000;
  private static final Duration POLL = Duration.ofMillis(100);

  private final HttpTransport transport;
  private final int batchSize;

  MonitorClient(HttpTransport transport, int batchSize) {
    if (batchSize < 1) {
      throw MledgerException.invalidParameter("The batch size must be at least 1.");
    }
    this.transport = transport;
    this.batchSize = batchSize;
  }

  /** The same client sending {@code size} events per request. */
  public MonitorClient withBatchSize(int size) {
    return new MonitorClient(transport, size);
  }

  /**
   * One event. Feature values are numbers, strings, booleans or {@code null} (missing); every
   * monitored feature must be present.
   *
   * @param prediction the model's output, or {@code null}
   * @param label the ground truth when known, or {@code null}
   * @param latencyMs serving latency, or {@code null}
   * @param cost the prediction's cost, or {@code null}
   * @param timestamp epoch milliseconds, or {@code null} for the server's arrival time
   * @param embedding an embedding of the monitor's {@code embedding_dimension}, or {@code null}
   */
  public record Event(
      Map<String, Object> features,
      Object prediction,
      Object label,
      Double latencyMs,
      Double cost,
      Long timestamp,
      double[] embedding) {

    public Event {
      features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
      embedding = embedding == null ? null : embedding.clone();
    }

    /** An event without an embedding. */
    public Event(
        Map<String, Object> features,
        Object prediction,
        Object label,
        Double latencyMs,
        Double cost,
        Long timestamp) {
      this(features, prediction, label, latencyMs, cost, timestamp, null);
    }

    /** The same event carrying {@code vector} as its embedding. */
    public Event withEmbedding(double[] vector) {
      return new Event(features, prediction, label, latencyMs, cost, timestamp, vector);
    }

    /** An event with features and a prediction only. */
    public static Event of(Map<String, Object> features, Object prediction) {
      return new Event(features, prediction, null, null, null, null);
    }

    ObjectNode toJson() {
      ObjectNode o = JSON.createObjectNode();
      o.set("features", JSON.valueToTree(features));
      if (prediction != null) {
        o.set("prediction", JSON.valueToTree(prediction));
      }
      if (label != null) {
        o.set("label", JSON.valueToTree(label));
      }
      if (latencyMs != null) {
        o.put("latency_ms", latencyMs);
      }
      if (cost != null) {
        o.put("cost", cost);
      }
      if (timestamp != null) {
        o.put("timestamp", timestamp);
      }
      if (embedding != null) {
        ArrayNode vector = o.putArray("embedding");
        for (double v : embedding) {
          vector.add(v);
        }
      }
      return o;
    }
  }

  /** A row the server refused; {@code index} counts over everything passed to one send call. */
  public record Rejection(int index, String reason) {}

  /**
   * What a send did.
   *
   * @param accepted events stored
   * @param rejected refused rows with the server's reason
   * @param reports ids of the window reports the events closed, oldest first; filled by {@link
   *     #sendAndAwaitReports} only, since the server writes reports in the background
   */
  public record SendResult(int accepted, List<Rejection> rejected, List<String> reports) {
    public SendResult {
      rejected = List.copyOf(rejected);
      reports = List.copyOf(reports);
    }
  }

  /** Sends {@code events} in batches; rejected rows are reported, never thrown. */
  public SendResult send(String monitorId, List<Event> events) {
    String path = "/api/v1/monitors/" + HttpTransport.segment(monitorId) + "/events";
    int accepted = 0;
    List<Rejection> rejected = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    for (int start = 0; start < events.size(); start += batchSize) {
      ArrayNode batch = JSON.createArrayNode();
      for (Event e : events.subList(start, Math.min(events.size(), start + batchSize))) {
        batch.add(e.toJson());
      }
      HttpTransport.Call call = new HttpTransport.Call("POST", path, List.of(), batch, Map.of());
      JsonNode result =
          transport.withRetries(
              call.label(),
              () -> {
                try {
                  return transport.sendOnce(call);
                } catch (TransientFailure failure) {
                  if (failure.ambiguous()) {
                    throw failure.error();
                  }
                  throw failure;
                }
              });
      accepted += result.path("accepted").asInt();
      for (JsonNode r : result.path("rejected")) {
        rejected.add(new Rejection(start + r.path("index").asInt(), r.path("reason").asText()));
      }
      result.path("reports").forEach(r -> reports.add(r.asText()));
    }
    return new SendResult(accepted, rejected, reports);
  }

  /**
   * Sends {@code events} like {@link #send}, then waits until the server has written the reports of
   * the windows they closed; the result lists those reports, oldest first.
   *
   * @throws MledgerException when the reports are still pending after {@code timeout}
   */
  public SendResult sendAndAwaitReports(String monitorId, List<Event> events, Duration timeout) {
    long reportedBefore = monitor(monitorId).path("reported_through").asLong();
    SendResult sent = send(monitorId, events);
    awaitReports(monitorId, timeout);
    List<JsonNode> newer = new ArrayList<>();
    for (JsonNode r : reports(monitorId, MAX_REPORTS)) {
      if (r.path("last_sequence").asLong() > reportedBefore) {
        newer.add(r);
      }
    }
    newer.sort(java.util.Comparator.comparingLong(r -> r.path("last_sequence").asLong()));
    List<String> ids = new ArrayList<>();
    newer.forEach(r -> ids.add(r.path("id").asText()));
    return new SendResult(sent.accepted(), sent.rejected(), ids);
  }

  /**
   * Waits until no window report of the monitor is queued or being written.
   *
   * @return the monitor as {@code GET /api/v1/monitors/{id}} answers it
   * @throws MledgerException when reports are still pending after {@code timeout}
   */
  public JsonNode awaitReports(String monitorId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode m = monitor(monitorId);
      if (!m.path("reports_pending").asBoolean()) {
        return m;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new MledgerException(
            ErrorCode.INTERNAL_ERROR,
            "The window reports of monitor " + monitorId + " are still pending after " + timeout);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MledgerException(ErrorCode.INTERNAL_ERROR, "Interrupted while waiting", e);
      }
    }
  }

  /** The monitor ({@code GET /api/v1/monitors/{id}}). */
  public JsonNode monitor(String monitorId) {
    return call("GET", base(monitorId), null, Map.of()).path("monitor");
  }

  /** The newest window reports first, at most {@code limit} (1 to 1000). */
  public List<JsonNode> reports(String monitorId, int limit) {
    List<JsonNode> out = new ArrayList<>();
    call(
            "GET",
            base(monitorId) + "/reports",
            null,
            Map.of(),
            List.of(Map.entry("limit", Integer.toString(limit))))
        .path("reports")
        .forEach(out::add);
    return out;
  }

  /**
   * Creates a monitor from its JSON definition (see docs/MONITORING.md).
   *
   * @return the created monitor; its id is {@code get("id")}
   */
  public JsonNode create(JsonNode definition) {
    return call("POST", "/api/v1/monitors", definition, Map.of()).path("monitor");
  }

  /**
   * Approves a retraining attempt awaiting approval, as {@code user}; its version is promoted.
   *
   * @return the attempt with its steps
   */
  public JsonNode approveRetrain(String attemptId, String user, String comment) {
    return settle(attemptId, "approve", user, comment);
  }

  /**
   * Rejects a retraining attempt awaiting approval, as {@code user}; the champion is kept.
   *
   * @return the attempt with its steps
   */
  public JsonNode rejectRetrain(String attemptId, String user, String comment) {
    return settle(attemptId, "reject", user, comment);
  }

  private JsonNode settle(String attemptId, String verb, String user, String comment) {
    ObjectNode body = JSON.createObjectNode();
    if (comment != null) {
      body.put("comment", comment);
    }
    return call(
            "POST",
            "/api/v1/monitors/retrain-attempts/" + HttpTransport.segment(attemptId) + "/" + verb,
            body,
            Map.of("X-Mledger-User", user))
        .path("attempt");
  }

  private static String base(String monitorId) {
    return "/api/v1/monitors/" + HttpTransport.segment(monitorId);
  }

  private JsonNode call(String method, String path, JsonNode body, Map<String, String> headers) {
    return call(method, path, body, headers, List.of());
  }

  private JsonNode call(
      String method,
      String path,
      JsonNode body,
      Map<String, String> headers,
      List<Map.Entry<String, String>> query) {
    HttpTransport.Call call = new HttpTransport.Call(method, path, query, body, headers);
    // Reads are safe to retry; the POSTs here are refused when repeated (a name taken, an attempt
    // already decided), so a retry cannot apply them twice.
    return transport.send(call);
  }
}
