package dev.mledger.cli.demo;

import dev.mledger.cli.CliException;
import dev.mledger.client.MonitorClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The monitored production side of the demo: a monitor whose reference is the training features
 * version (profiled by the server from the snapshot), and simulated traffic served by the champion
 * whose inputs shift half-way ({@link Population#shifted()}).
 */
final class Traffic {
  private Traffic() {}

  /**
   * Creates the monitor; the server profiles the reference from the features dataset version it was
   * trained on (no prediction column there, so the features are what is compared).
   */
  static String createMonitor(DemoContext ctx, DataStage.Recorded data, String version) {
    List<Map<String, Object>> features = new ArrayList<>();
    for (String name : Population.featureNames()) {
      features.add(Map.of("name", name, "type", "numeric"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", DemoContext.MONITOR);
    body.put("model", DemoContext.MODEL);
    body.put("version", version);
    body.put("reference", Map.of("dataset", data.features().version().ref()));
    body.put("features", features);
    body.put("prediction_type", "numeric");
    body.put("window", Map.of("count", DemoScenario.WINDOW));
    body.put(
        "alert_policy",
        Map.of(
            "rules",
            List.of(
                Map.of("statistic", "p_value", "threshold", 0.01, "severity", "warning"),
                Map.of("statistic", "p_value", "threshold", 1e-6, "severity", "critical"),
                Map.of("statistic", "latency_p95", "threshold", 50.0, "severity", "warning")),
            "correction",
            "bh",
            "cooldown_seconds",
            3600,
            "hysteresis",
            0.1));
    return ctx.api().post("/api/v1/monitors", body).path("monitor").path("id").asText();
  }

  /** Sends the traffic in window-sized batches, printing each window's drift. */
  static void send(
      DemoContext ctx,
      String monitorId,
      LinearModel champion,
      SweepTrainer.Outcome outcome,
      Progress p) {
    Random random = DemoScenario.trafficRandom(ctx.seed());
    long now = System.currentTimeMillis();
    // Spread over the last hour so the monitor's charts have a time axis.
    long spacing = 3_600_000L / DemoScenario.TRAFFIC;
    MonitorClient monitors = ctx.client().monitors();
    List<MonitorClient.Event> batch = new ArrayList<>();
    double costPerPrediction = outcome.costPer1kPredictions() / 1000.0;
    for (int i = 0; i < DemoScenario.TRAFFIC; i++) {
      Population population =
          i < DemoScenario.TRAFFIC / 2 ? Population.baseline() : Population.shifted();
      double[] x = population.features(random);
      double y = population.target(x, random);
      long t0 = System.nanoTime();
      double prediction = champion.predict(x);
      double latencyMs = (System.nanoTime() - t0) / 1e6;
      batch.add(
          new MonitorClient.Event(
              featureMap(x),
              prediction,
              y,
              latencyMs,
              costPerPrediction,
              now - (DemoScenario.TRAFFIC - i) * spacing));
      if (batch.size() == DemoScenario.WINDOW) {
        MonitorClient.SendResult result =
            monitors.sendAndAwaitReports(monitorId, batch, java.time.Duration.ofMinutes(2));
        if (!result.rejected().isEmpty()) {
          throw new CliException(
              "the monitor refused an event: " + result.rejected().get(0).reason(), 1);
        }
        for (String reportId : result.reports()) {
          describeWindow(ctx, monitorId, reportId, i + 1, p);
        }
        batch.clear();
      }
    }
  }

  private static void describeWindow(
      DemoContext ctx, String monitorId, String reportId, int sent, Progress p) {
    var report =
        ctx.api()
            .get("/api/v1/monitors/" + monitorId + "/reports/" + DemoApi.encode(reportId))
            .path("report");
    List<String> drifted = new ArrayList<>();
    report
        .path("features")
        .forEach(
            f -> {
              if (f.path("drifted").asBoolean()) {
                drifted.add(f.path("feature").asText());
              }
            });
    p.detail(
        "window ending at event %4d: %s; MAE %.3f%s",
        sent,
        drifted.isEmpty() ? "no drift" : "drift in " + String.join(", ", drifted),
        report.path("performance").path("mae").asDouble(),
        sent > DemoScenario.TRAFFIC / 2 ? " (after the shift)" : "");
  }

  static Map<String, Object> featureMap(double[] x) {
    Map<String, Object> features = new LinkedHashMap<>();
    String[] names = Population.featureNames();
    for (int i = 0; i < names.length; i++) {
      features.put(names[i], x[i]);
    }
    return features;
  }
}
