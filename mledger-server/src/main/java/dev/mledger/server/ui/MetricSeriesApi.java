package dev.mledger.server.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.series.Lttb;
import dev.mledger.core.series.SeriesPoint;
import dev.mledger.core.tracking.Metric;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.TrackingStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/runs/{run_id}/metrics/{key}/series?points=N} (the key may contain slashes):
 * one metric's history reduced to at most N points (default 500, at most 10 000) by LTTB over
 * (step, value), so that a chart of a million-step curve costs the browser N points while keeping
 * its peaks.
 *
 * <pre>{@code
 * {"run_id": "...", "key": "loss", "total_points": 100000, "non_finite_points": 0,
 *  "points": [{"step": 0, "value": 1.3, "timestamp": 1700000000000}, ...]}
 * }</pre>
 *
 * NaN and infinite values cannot be placed on a chart; they are left out and counted.
 */
final class MetricSeriesApi {
  static final String PATH = "/api/v1/runs/{run_id}/metrics/<key>/series";
  static final int DEFAULT_POINTS = 500;
  static final int MAX_POINTS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TrackingStore tracking;

  MetricSeriesApi(TrackingStore tracking) {
    this.tracking = tracking;
  }

  void register(Routes routes) {
    routes.add(HandlerType.GET, PATH, this::series);
  }

  private void series(Context ctx) {
    String runId = ctx.pathParam("run_id");
    String key = ctx.pathParam("key");
    int points =
        QueryParams.intParam(ctx, "points", DEFAULT_POINTS, Lttb.MIN_THRESHOLD, MAX_POINTS);
    tracking.getRun(runId); // an unknown run is a 404, not an empty series
    List<Metric> history = tracking.getMetricHistory(runId, key, null, 0).items();
    List<Metric> finite = new ArrayList<>(history.size());
    for (Metric metric : history) {
      if (Double.isFinite(metric.value())) {
        finite.add(metric);
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("run_id", runId);
    body.put("key", key);
    body.put("total_points", history.size());
    body.put("non_finite_points", history.size() - finite.size());
    ArrayNode out = body.putArray("points");
    for (int index : Lttb.selectIndices(asPoints(finite), points)) {
      Metric metric = finite.get(index);
      out.addObject()
          .put("step", metric.step())
          .put("value", metric.value())
          .put("timestamp", metric.timestamp());
    }
    ctx.status(200);
    JsonResponses.write(ctx, body.toString());
  }

  static List<SeriesPoint> asPoints(List<Metric> metrics) {
    List<SeriesPoint> points = new ArrayList<>(metrics.size());
    for (Metric metric : metrics) {
      points.add(new SeriesPoint(metric.step(), metric.value()));
    }
    return points;
  }
}
