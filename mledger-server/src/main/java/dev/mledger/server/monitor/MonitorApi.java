package dev.mledger.server.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.Statistic;
import dev.mledger.core.monitor.ThresholdTuning;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.Stores;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The native monitoring API under {@value #BASE}: monitors, event ingestion (JSON array or NDJSON,
 * per-row rejections with a 207 answer), window reports, alerts with acknowledgement and root
 * cause, the retrain policy and its recorded steps, and threshold tuning. See docs/MONITORING.md.
 */
public final class MonitorApi {
  static final String BASE = "/api/v1/monitors";
  static final String NDJSON = "application/x-ndjson";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final MonitorService service;

  /**
   * @param host the server's bind host (retrain commands are pointed back at it)
   * @param port the server's bound port, read when a command is launched
   */
  public MonitorApi(Stores stores, String host, IntSupplier port) {
    this(stores, host, port, null, null);
  }

  /**
   * @param artifacts the store behind the artifact proxy (run artifacts as references), or null
   * @param datasetBlobs the dataset snapshot blobs (dataset versions as references), or null
   */
  public MonitorApi(
      Stores stores,
      String host,
      IntSupplier port,
      dev.mledger.store.artifact.ArtifactStore artifacts,
      dev.mledger.store.artifact.ContentStore datasetBlobs) {
    this(
        new MonitorService(
            stores,
            Clock.systemUTC(),
            new WebhookNotifier(stores.monitors(), 5, Duration.ofSeconds(1)),
            trackingUri(host, port),
            new ReferenceProfiler(stores, datasetBlobs, artifacts)));
  }

  MonitorApi(MonitorService service) {
    this.service = service;
  }

  private static java.util.function.Supplier<String> trackingUri(String host, IntSupplier port) {
    String reachable =
        host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return () -> "http://" + reachable + ":" + port.getAsInt();
  }

  /** Resumes unfinished reports, deliveries and retraining attempts (call once serving). */
  public void resume() {
    service.resume();
  }

  /** Stops the background workers, each bounded by {@code timeout}; pending work stays stored. */
  public void close(Duration timeout) {
    service.close(timeout);
  }

  public void register(Routes routes) {
    routes.add(HandlerType.POST, BASE, this::create);
    routes.add(
        HandlerType.GET,
        BASE + "/retrain-attempts/{attempt_id}",
        ctx ->
            send(ctx, 200, wrap("attempt", service.retrainAttempt(ctx.pathParam("attempt_id")))));
    routes.add(
        HandlerType.POST,
        BASE + "/retrain-attempts/{attempt_id}/approve",
        ctx -> settle(ctx, true));
    routes.add(
        HandlerType.POST,
        BASE + "/retrain-attempts/{attempt_id}/reject",
        ctx -> settle(ctx, false));
    routes.add(HandlerType.GET, BASE, ctx -> send(ctx, 200, wrap("monitors", service.list())));
    routes.add(HandlerType.POST, BASE + "/tune", this::tune);
    routes.add(
        HandlerType.GET,
        BASE + "/{id}",
        ctx -> send(ctx, 200, wrap("monitor", service.get(ctx.pathParam("id")))));
    routes.add(HandlerType.POST, BASE + "/{id}/events", this::events);
    routes.add(
        HandlerType.PUT,
        BASE + "/{id}/reference",
        ctx ->
            send(
                ctx,
                200,
                wrap(
                    "monitor",
                    service.setReference(
                        ctx.pathParam("id"),
                        MonitorJson.parse(ctx.body(), "a reference object")))));
    routes.add(
        HandlerType.GET,
        BASE + "/{id}/reports",
        ctx -> send(ctx, 200, wrap("reports", service.reports(ctx.pathParam("id"), limit(ctx)))));
    routes.add(
        HandlerType.GET,
        BASE + "/{id}/reports/{report_id}",
        ctx ->
            send(
                ctx,
                200,
                wrap("report", service.report(ctx.pathParam("id"), ctx.pathParam("report_id")))));
    routes.add(HandlerType.GET, BASE + "/{id}/reports/{report_id}/histogram", this::histogram);
    routes.add(
        HandlerType.GET,
        BASE + "/{id}/alerts",
        ctx ->
            send(
                ctx,
                200,
                wrap(
                    "alerts",
                    service.alerts(
                        ctx.pathParam("id"),
                        "true".equals(ctx.queryParam("unacknowledged")),
                        limit(ctx)))));
    routes.add(
        HandlerType.GET,
        BASE + "/{id}/alerts/{alert_id}",
        ctx ->
            send(
                ctx,
                200,
                wrap("alert", service.alert(ctx.pathParam("id"), ctx.pathParam("alert_id")))));
    routes.add(HandlerType.POST, BASE + "/{id}/alerts/{alert_id}/ack", this::ack);
    routes.add(
        HandlerType.GET,
        BASE + "/{id}/alerts/{alert_id}/root-cause",
        ctx -> send(ctx, 200, service.rootCause(ctx.pathParam("id"), ctx.pathParam("alert_id"))));
    routes.add(
        HandlerType.POST,
        BASE + "/{id}/retrain-policy",
        ctx ->
            send(
                ctx,
                200,
                wrap(
                    "monitor",
                    service.setRetrainPolicy(
                        ctx.pathParam("id"), MonitorJson.parse(ctx.body(), "a retrain policy")))));
    routes.add(
        HandlerType.GET,
        BASE + "/{id}/retrain-steps",
        ctx -> send(ctx, 200, wrap("steps", service.retrainSteps(ctx.pathParam("id")))));
  }

  private void create(Context ctx) {
    send(
        ctx,
        200,
        wrap("monitor", service.create(MonitorJson.parse(ctx.body(), "a monitor JSON object"))));
  }

  private void events(Context ctx) {
    String monitorId = ctx.pathParam("id");
    String contentType =
        ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    List<Object> rows = new ArrayList<>();
    Map<Integer, String> parseErrors = new HashMap<>();
    String body = ctx.body();
    if (contentType.startsWith(NDJSON) || contentType.startsWith("application/jsonl")) {
      // One event per line; a malformed line rejects that row only.
      String[] lines = body.split("\r?\n", -1);
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        try {
          rows.add(MonitorJson.JSON.readValue(line, Object.class));
        } catch (JsonProcessingException e) {
          parseErrors.put(rows.size(), "malformed JSON: " + e.getOriginalMessage());
          rows.add(null);
        }
      }
    } else {
      JsonNode parsed =
          MonitorJson.parse(
              body, "a JSON array of events (or NDJSON with Content-Type " + NDJSON + ")");
      if (!parsed.isArray()) {
        throw new MledgerException(
            ErrorCode.MALFORMED_REQUEST,
            "The request body must be a JSON array of events (or NDJSON with Content-Type "
                + NDJSON
                + ").");
      }
      parsed.forEach(n -> rows.add(MonitorJson.JSON.convertValue(n, Object.class)));
    }
    if (rows.isEmpty()) {
      throw MledgerException.invalidParameter("The batch holds no events.");
    }
    MonitorService.IngestResult result = service.ingest(monitorId, rows, parseErrors);
    ObjectNode out = MonitorJson.JSON.createObjectNode();
    out.put("accepted", result.accepted());
    ArrayNode rejected = out.putArray("rejected");
    for (MonitorService.Rejection r : result.rejected()) {
      rejected.addObject().put("index", r.index()).put("reason", r.reason());
    }
    out.put("last_sequence", result.lastSequence());
    // Reports are written in the background; "reports" stays (empty) for older clients.
    out.putArray("reports");
    out.put("reports_pending", result.reportsPending());
    // 207 Multi-Status: the batch was partly accepted; each rejected row says why.
    send(ctx, result.rejected().isEmpty() ? 200 : 207, out);
  }

  private void settle(Context ctx, boolean approve) {
    String comment = null;
    if (ctx.body() != null && !ctx.body().isBlank()) {
      comment = MonitorJson.text(MonitorJson.parse(ctx.body(), "a JSON object"), "comment", false);
    }
    String actor = actor(ctx);
    if (actor == null) {
      throw MledgerException.invalidParameter(
          (approve ? "Approving" : "Rejecting")
              + " needs a user: send basic auth or the X-Mledger-User header.");
    }
    send(
        ctx,
        200,
        wrap(
            "attempt",
            service.settleRetrain(ctx.pathParam("attempt_id"), approve, actor, comment)));
  }

  private void ack(Context ctx) {
    String comment = null;
    if (ctx.body() != null && !ctx.body().isBlank()) {
      comment = MonitorJson.text(MonitorJson.parse(ctx.body(), "a JSON object"), "comment", false);
    }
    String actor = actor(ctx);
    if (actor == null) {
      throw MledgerException.invalidParameter(
          "Acknowledging needs a user: send basic auth or the X-Mledger-User header.");
    }
    send(
        ctx,
        200,
        wrap(
            "alert",
            service.acknowledge(ctx.pathParam("id"), ctx.pathParam("alert_id"), actor, comment)));
  }

  private void tune(Context ctx) {
    JsonNode body = MonitorJson.parse(ctx.body(), "a JSON object");
    Statistic statistic = Statistic.fromName(MonitorJson.text(body, "statistic", true));
    JsonNode history = body.get("history");
    if (history == null || !history.isArray()) {
      throw MledgerException.invalidParameter("'history' must be an array of {value, incident}.");
    }
    List<ThresholdTuning.LabelledWindow> windows = new ArrayList<>();
    for (JsonNode h : history) {
      if (!h.path("value").isNumber() || !h.path("incident").isBoolean()) {
        throw MledgerException.invalidParameter(
            "Every history entry needs a numeric 'value' and a boolean 'incident'.");
      }
      windows.add(
          new ThresholdTuning.LabelledWindow(
              h.get("value").asDouble(), h.get("incident").asBoolean()));
    }
    List<ThresholdTuning.Point> sweep = ThresholdTuning.sweep(statistic, windows);
    ObjectNode out = MonitorJson.JSON.createObjectNode();
    out.put("statistic", statistic.jsonName());
    ArrayNode points = out.putArray("thresholds");
    for (ThresholdTuning.Point p : sweep) {
      points.add(pointJson(p));
    }
    double maxFn = body.path("max_false_negative_rate").asDouble(0);
    ThresholdTuning.recommend(sweep, maxFn).ifPresent(p -> out.set("recommended", pointJson(p)));
    send(ctx, 200, out);
  }

  private static ObjectNode pointJson(ThresholdTuning.Point p) {
    return MonitorJson.JSON
        .createObjectNode()
        .put("threshold", p.threshold())
        .put("true_positives", p.truePositives())
        .put("false_positives", p.falsePositives())
        .put("true_negatives", p.trueNegatives())
        .put("false_negatives", p.falseNegatives())
        .put("false_positive_rate", p.falsePositiveRate())
        .put("false_negative_rate", p.falseNegativeRate());
  }

  private void histogram(Context ctx) {
    String feature = ctx.queryParam("feature");
    if (feature == null || feature.isBlank()) {
      throw MledgerException.invalidParameter("'feature' names the feature to draw.");
    }
    String raw = ctx.queryParam("bins");
    int bins;
    try {
      bins = raw == null ? WindowHistogram.DEFAULT_BINS : Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw MledgerException.invalidParameter(
          "'bins' must be an integer from 2 to " + WindowHistogram.MAX_BINS + ".");
    }
    send(
        ctx,
        200,
        service.histogram(ctx.pathParam("id"), ctx.pathParam("report_id"), feature, bins));
  }

  private static int limit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below.
    }
    throw MledgerException.invalidParameter(
        "'limit' must be an integer from 1 to " + MAX_LIMIT + ".");
  }

  private static String actor(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        if (!user.isBlank()) {
          return user;
        }
      } catch (IllegalArgumentException e) {
        // Not base64: no identity in this header; the X-Mledger-User header may still name one.
      }
    }
    String header = ctx.header("X-Mledger-User");
    return header == null || header.isBlank() ? null : header.strip();
  }

  private static ObjectNode wrap(String field, JsonNode value) {
    ObjectNode o = MonitorJson.JSON.createObjectNode();
    o.set(field, value);
    return o;
  }

  private static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status);
    JsonResponses.write(ctx, body.toString());
  }
}
