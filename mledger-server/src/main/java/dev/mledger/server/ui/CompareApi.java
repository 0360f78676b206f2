package dev.mledger.server.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.analysis.MetricDelta;
import dev.mledger.core.analysis.ParamDifference;
import dev.mledger.core.analysis.RunComparison;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.series.BandPoint;
import dev.mledger.core.series.Lttb;
import dev.mledger.core.series.SeedBands;
import dev.mledger.core.series.SeriesPoint;
import dev.mledger.core.stats.RunGroupStatistics;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.TrackingStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/compare?run_ids=a,b,c[&points=200][&confidence=0.95]}: everything the compare
 * view draws, computed on the server with mledger's statistics so the browser only plots.
 *
 * <ul>
 *   <li>{@code runs}: id, name, experiment, params and latest metrics of each run, in request
 *       order;
 *   <li>{@code params}: every param key with its value per run and whether the runs disagree;
 *   <li>{@code deltas}: for every run after the first, {@link RunComparison} against the first (the
 *       baseline): {@code Δ = m(run) − m(baseline)} per metric;
 *   <li>{@code groups}: seed groups (same params except the seed) with, per metric, the mean, SD,
 *       SE and Student-t interval of the runs' latest values ({@link RunGroupStatistics}; null for
 *       a single run);
 *   <li>{@code curves}: per metric, each run's history (LTTB-reduced to {@code points}) and each
 *       group's per-step mean ± interval band ({@link SeedBands}, reduced the same way).
 * </ul>
 */
final class CompareApi {
  static final String PATH = "/api/v1/compare";
  static final int MAX_RUNS = 100;
  static final int DEFAULT_POINTS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TrackingStore tracking;

  CompareApi(TrackingStore tracking) {
    this.tracking = tracking;
  }

  void register(Routes routes) {
    routes.add(HandlerType.GET, PATH, this::compare);
  }

  private void compare(Context ctx) {
    List<String> runIds = runIds(ctx.queryParam("run_ids"));
    int points = QueryParams.intParam(ctx, "points", DEFAULT_POINTS, Lttb.MIN_THRESHOLD, 5_000);
    double confidence = confidence(ctx.queryParam("confidence"));
    List<Run> runs = new ArrayList<>();
    for (String runId : runIds) {
      runs.add(tracking.getRun(runId));
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("baseline_run_id", runIds.get(0));
    body.put("confidence", confidence);
    writeRuns(body.putArray("runs"), runs);
    writeParams(body.putArray("params"), runs);
    writeDeltas(body.putArray("deltas"), runs);
    SeedGroups groups = SeedGroups.of(runs);
    Set<String> metricKeys = metricKeys(runs);
    writeGroups(body.putArray("groups"), groups, metricKeys, confidence);
    writeCurves(body.putArray("curves"), runIds, groups, metricKeys, points, confidence);
    ctx.status(200);
    JsonResponses.write(ctx, body.toString());
  }

  private static List<String> runIds(String raw) {
    if (raw == null || raw.isBlank()) {
      throw MledgerException.invalidParameter(
          "Query parameter 'run_ids' is required: a comma-separated list of run ids.");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : raw.split(",")) {
      if (!id.isBlank()) {
        ids.add(id.trim());
      }
    }
    if (ids.isEmpty() || ids.size() > MAX_RUNS) {
      throw MledgerException.invalidParameter(
          "Compare between 1 and " + MAX_RUNS + " runs, got " + ids.size() + ".");
    }
    return List.copyOf(ids);
  }

  private static double confidence(String raw) {
    if (raw == null || raw.isBlank()) {
      return 0.95;
    }
    double value;
    try {
      value = Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(value > 0.0 && value < 1.0)) {
      throw MledgerException.invalidParameter(
          "Query parameter 'confidence' must be strictly between 0 and 1, got '" + raw + "'.");
    }
    return value;
  }

  private static Set<String> metricKeys(List<Run> runs) {
    Set<String> keys = new TreeSet<>();
    for (Run run : runs) {
      for (Metric metric : run.data().metrics()) {
        keys.add(metric.key());
      }
    }
    return keys;
  }

  private static void writeRuns(ArrayNode out, List<Run> runs) {
    for (Run run : runs) {
      ObjectNode node = out.addObject();
      node.put("run_id", run.info().runId());
      node.put("run_name", run.info().runName());
      node.put("experiment_id", run.info().experimentId());
      ObjectNode params = node.putObject("params");
      for (Param param : run.data().params()) {
        params.put(param.key(), param.value());
      }
      ObjectNode metrics = node.putObject("metrics");
      for (Metric metric : run.data().metrics()) {
        putNumber(metrics, metric.key(), metric.value());
      }
    }
  }

  private static void writeParams(ArrayNode out, List<Run> runs) {
    Map<String, Map<String, String>> valuesByKey = new TreeMap<>();
    for (Run run : runs) {
      for (Param param : run.data().params()) {
        valuesByKey
            .computeIfAbsent(param.key(), k -> new LinkedHashMap<>())
            .put(run.info().runId(), param.value());
      }
    }
    valuesByKey.forEach(
        (key, values) -> {
          ObjectNode row = out.addObject();
          row.put("key", key);
          ObjectNode byRun = row.putObject("values");
          Set<String> distinct = new LinkedHashSet<>();
          for (Run run : runs) {
            String value = values.get(run.info().runId());
            distinct.add(value == null ? "\u0000absent" : value);
            if (value == null) {
              byRun.putNull(run.info().runId());
            } else {
              byRun.put(run.info().runId(), value);
            }
          }
          row.put("differs", distinct.size() > 1);
        });
  }

  private static void writeDeltas(ArrayNode out, List<Run> runs) {
    Run baseline = runs.get(0);
    for (Run run : runs.subList(1, runs.size())) {
      RunComparison comparison = RunComparison.of(run, baseline);
      ObjectNode node = out.addObject();
      node.put("run_id", run.info().runId());
      node.put("baseline_run_id", baseline.info().runId());
      ArrayNode metrics = node.putArray("metrics");
      for (MetricDelta delta : comparison.metrics()) {
        ObjectNode row = metrics.addObject();
        row.put("key", delta.key());
        putNumber(row, "value", delta.a());
        putNumber(row, "baseline", delta.b());
        putNumber(row, "delta", delta.delta());
        putNumber(row, "relative_delta", delta.relativeDelta());
      }
      ArrayNode differing = node.putArray("differing_params");
      for (ParamDifference param : comparison.differingParams()) {
        differing
            .addObject()
            .put("key", param.key())
            .put("value", param.a())
            .put("baseline", param.b());
      }
    }
  }

  private static void writeGroups(
      ArrayNode out, SeedGroups groups, Set<String> metricKeys, double confidence) {
    for (SeedGroups.Group group : groups.groups()) {
      ObjectNode node = out.addObject();
      node.put("label", group.label());
      ObjectNode config = node.putObject("config");
      group.config().forEach(config::put);
      ArrayNode ids = node.putArray("run_ids");
      group.runs().forEach(run -> ids.add(run.info().runId()));
      ObjectNode metrics = node.putObject("metrics");
      for (String key : metricKeys) {
        List<Double> values = new ArrayList<>();
        for (Run run : group.runs()) {
          for (Metric metric : run.data().metrics()) {
            if (metric.key().equals(key) && Double.isFinite(metric.value())) {
              values.add(metric.value());
            }
          }
        }
        if (values.isEmpty()) {
          continue;
        }
        ObjectNode stats = metrics.putObject(key);
        stats.put("n", values.size());
        if (values.size() < 2) {
          putNumber(stats, "mean", values.get(0));
          stats.putNull("sd").putNull("se").putNull("ci_low").putNull("ci_high");
        } else {
          RunGroupStatistics s = RunGroupStatistics.of(values, confidence);
          putNumber(stats, "mean", s.mean());
          putNumber(stats, "sd", s.standardDeviation());
          putNumber(stats, "se", s.standardError());
          putNumber(stats, "ci_low", s.interval().low());
          putNumber(stats, "ci_high", s.interval().high());
        }
      }
    }
  }

  private void writeCurves(
      ArrayNode out,
      List<String> runIds,
      SeedGroups groups,
      Set<String> metricKeys,
      int points,
      double confidence) {
    for (String key : metricKeys) {
      Map<String, List<SeriesPoint>> byRun = new LinkedHashMap<>();
      for (MetricWithRunId point : tracking.getMetricHistoryBulkInterval(runIds, key, null, null)) {
        if (Double.isFinite(point.metric().value())) {
          byRun
              .computeIfAbsent(point.runId(), id -> new ArrayList<>())
              .add(new SeriesPoint(point.metric().step(), point.metric().value()));
        }
      }
      ObjectNode curve = out.addObject();
      curve.put("key", key);
      ArrayNode runCurves = curve.putArray("runs");
      for (String runId : runIds) {
        List<SeriesPoint> series = byRun.get(runId);
        if (series == null) {
          continue;
        }
        ObjectNode runCurve = runCurves.addObject();
        runCurve.put("run_id", runId);
        ArrayNode xy = runCurve.putArray("points");
        for (SeriesPoint point : Lttb.downsample(series, points)) {
          xy.addArray().add(point.x()).add(point.y());
        }
      }
      ArrayNode bands = curve.putArray("bands");
      for (int g = 0; g < groups.groups().size(); g++) {
        List<List<SeriesPoint>> replicates = new ArrayList<>();
        for (Run run : groups.groups().get(g).runs()) {
          List<SeriesPoint> series = byRun.get(run.info().runId());
          if (series != null) {
            replicates.add(series);
          }
        }
        if (replicates.size() < 2) {
          continue;
        }
        ObjectNode band = bands.addObject();
        band.put("group", g);
        band.put("n", replicates.size());
        ArrayNode bandPoints = band.putArray("points");
        for (BandPoint point : SeedBands.downsample(SeedBands.of(replicates, confidence), points)) {
          ObjectNode p = bandPoints.addObject();
          p.put("step", point.x());
          p.put("n", point.n());
          putNumber(p, "mean", point.mean());
          putNumber(p, "ci_low", point.ciLow());
          putNumber(p, "ci_high", point.ciHigh());
        }
      }
    }
  }

  /** JSON has no NaN or infinity; such values (and absent ones) become null. */
  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value == null || !Double.isFinite(value)) {
      node.putNull(field);
    } else {
      node.put(field, value.doubleValue());
    }
  }
}
