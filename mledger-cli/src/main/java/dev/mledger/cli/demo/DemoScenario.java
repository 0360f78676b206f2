package dev.mledger.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.CliException;
import dev.mledger.core.stats.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end-to-end scenario of {@code mledger demo} (docs/ARCHITECTURE.md, "The demo"), step by step,
 * through the server's public APIs only.
 */
final class DemoScenario {
  static final int STEPS = 11;

  /** Production events sent; the shift starts half-way. */
  static final int TRAFFIC = 2000;

  /** Events per monitor window. */
  static final int WINDOW = 500;

  /** How long the demo waits for the retraining loop before giving up. */
  static final Duration RETRAIN_TIMEOUT = Duration.ofSeconds(150);

  private final DemoContext ctx;
  private final RetrainLauncher launcher;

  DemoScenario(DemoContext ctx, RetrainLauncher launcher) {
    this.ctx = ctx;
    this.launcher = launcher;
  }

  /** What the scenario left behind, for the links printed at the end and for tests. */
  record Result(
      String experimentId,
      List<String> compareRunIds,
      String firstVersion,
      String championVersion,
      String monitorId,
      Set<String> alertedFeatures,
      List<String> traceIds) {}

  Result run() {
    Progress p = ctx.progress();

    p.step("Data: synthetic sensor data (10 features, 5 informative) raw -> clean -> features");
    DataStage.Recorded v1 =
        DataStage.run(
            ctx,
            ctx.seed(),
            List.of(new DataPipeline.Batch(Population.baseline(), 2000)),
            "synthetic sensor export (seed " + ctx.seed() + ")");
    p.detail(
        "raw %d rows -> clean %d rows (missing values, duplicates and glitches removed)",
        v1.output().rawRows(), v1.output().cleanRows());
    p.done(
        "datasets %s, %s, %s with schema; lineage raw -> clean -> features",
        v1.raw().version().ref(), v1.clean().version().ref(), v1.features().version().ref());

    p.step(
        "Training: "
            + ModelConfig.sweep().size()
            + " configs x "
            + DemoContext.SEEDS
            + " seeds by gradient descent on "
            + v1.features().version().ref());
    List<SweepTrainer.Outcome> outcomes = new ArrayList<>();
    for (ModelConfig config : ModelConfig.sweep()) {
      SweepTrainer.Outcome o = SweepTrainer.train(ctx, config, v1, "sweep");
      outcomes.add(o);
      p.detail(
          "%-14s test R² %.4f [%.4f, %.4f]  p95 latency %.4f ms",
          config.label(),
          o.testR2().mean(),
          o.testR2().interval().low(),
          o.testR2().interval().high(),
          o.latencyP95Ms());
    }
    String experimentId =
        ctx.client().getExperimentByName(DemoContext.EXPERIMENT).orElseThrow().experimentId();
    p.done(
        "%d runs with envelopes, curves per epoch and the dataset input",
        outcomes.size() * (DemoContext.SEEDS + 1));

    p.step("Statistics: best config by mean test R², paired comparison with the baseline");
    SweepAnalysis analysis = SweepAnalysis.of(outcomes);
    PairedComparison c = analysis.comparison();
    if (c == null) {
      p.done("the baseline %s is best", analysis.best().config().label());
    } else {
      p.detail(
          "Δ test R² (%s − %s) = %+.5f, 95%% CI [%+.5f, %+.5f], paired t p = %.3g, Wilcoxon p = %.3g",
          analysis.best().config().label(),
          analysis.baseline().config().label(),
          c.pairedT().meanDelta(),
          c.pairedT().interval().low(),
          c.pairedT().interval().high(),
          c.pairedT().pValue(),
          c.wilcoxon().pValue());
      p.done(
          "best %s (%s than the baseline at α = 0.05)",
          analysis.best().config().label(),
          c.pairedT().pValue() < 0.05 ? "significantly better" : "not significantly different");
    }
    recordAnalysis(analysis);

    p.step("Registry: register the best config as " + DemoContext.MODEL);
    String v1Version = ModelPublisher.publish(ctx, analysis.best(), v1);
    p.done("%s version %s (model/model.json in the run's artifacts)", DemoContext.MODEL, v1Version);

    p.step("Gate: quality, p95 latency and cost -> decision, approval, alias champion");
    Gate.write(ctx.workDir().resolve(Gate.FILE_NAME));
    JsonNode decision = Gate.evaluate(ctx, v1Version);
    for (JsonNode outcome : decision.path("decision").path("outcomes")) {
      p.detail("%-28s %s", outcome.path("rule").asText(), outcome.path("status").asText());
    }
    if (!decision.path("passed").asBoolean()) {
      throw new CliException("the first model failed its release gate; see the decision above", 1);
    }
    Gate.approveAndPromote(ctx, decision.path("id").asText(), v1Version);
    p.done("decision %s passed; @champion -> version %s", shortId(decision), v1Version);

    p.step("Serving: endpoint " + DemoContext.ENDPOINT + " in lineage");
    deploy(v1Version);
    p.done("lineage raw -> clean -> features -> run -> model -> endpoint");

    p.step("Monitoring: monitor with the reference from " + v1.features().version().ref());
    LinearModel champion = analysis.best().representative().model();
    String monitorId = Traffic.createMonitor(ctx, v1, v1Version);
    setRetrainPolicy(monitorId, analysis.best().config());
    p.done(
        "monitor %s: windows of %d events, BH-corrected KS alerts, retraining on critical drift",
        monitorId, WINDOW);

    p.step("Production: " + TRAFFIC + " requests, the input distribution shifts half-way");
    Traffic.send(ctx, monitorId, champion, analysis.best(), p);
    Set<String> alerted = new TreeSet<>();
    List<JsonNode> alerts = new ArrayList<>();
    ctx.api().get("/api/v1/monitors/" + monitorId + "/alerts").path("alerts").forEach(alerts::add);
    alerts.sort(java.util.Comparator.comparingLong(a -> a.path("created_time").asLong()));
    for (JsonNode alert : alerts) {
      if (alert.path("kind").asText().equals("opened")
          || alert.path("kind").asText().equals("escalated")) {
        alerted.add(alert.path("feature").asText());
        p.detail(
            "alert %-8s %-10s %s %s = %.3g (threshold %.3g)",
            alert.path("severity").asText(),
            alert.path("feature").asText(),
            alert.path("kind").asText(),
            alert.path("statistic").asText(),
            alert.path("value").asDouble(),
            alert.path("threshold").asDouble());
      }
    }
    if (alerted.isEmpty()) {
      throw new CliException("the shifted traffic raised no drift alert", 1);
    }
    p.done("drift alert on %s", String.join(", ", alerted));

    p.step("Retraining: the monitor's policy retrains on new data (dataset v2), gates, promotes");
    JsonNode steps = waitForRetraining(monitorId, p);
    String outcome = steps.get(steps.size() - 1).path("step").asText();
    if (!outcome.equals("promoted")) {
      throw new CliException(
          "the retraining loop ended with '"
              + outcome
              + "': "
              + steps.get(steps.size() - 1).path("detail"),
          1);
    }
    String championVersion =
        ctx.client().registry().getModelVersionByAlias(DemoContext.MODEL, "champion").version();
    p.done("@champion -> version %s", championVersion);

    p.step("Rollback: the previous champion stays ready to roll back to");
    deploy(championVersion);
    JsonNode plan =
        ctx.api()
            .get(
                "/api/v1/registry/models/"
                    + DemoApi.encode(DemoContext.MODEL)
                    + "/rollback-candidates?alias=champion");
    for (JsonNode candidate : plan.path("candidates")) {
      Map<String, Integer> statuses = new java.util.TreeMap<>();
      for (JsonNode item : candidate.path("closure")) {
        statuses.merge(item.path("status").asText(), 1, Integer::sum);
      }
      String counts =
          statuses.entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
              .collect(java.util.stream.Collectors.joining(", "));
      p.detail(
          "version %s: dependency closure %s (%s)",
          candidate.path("version").asText(),
          candidate.path("resolves").asBoolean() ? "resolves" : "does not resolve",
          counts);
    }
    p.done(
        "mledger models rollback %s would restore version %s",
        DemoContext.MODEL, plan.path("rollback_version").asText("(none)"));

    p.step("LLM: a prompt version and two traces of the incident-summary assistant");
    LlmTraces.Recorded llm = LlmTraces.record(ctx, monitorId, alerted);
    p.done("prompt %s, %d traces", llm.promptUri(), llm.traceIds().size());

    // The compare view measures Δ against the first run: the baseline's seeds go first.
    List<String> compare = new ArrayList<>(analysis.baseline().runIdBySeed().values());
    if (analysis.best() != analysis.baseline()) {
      compare.addAll(analysis.best().runIdBySeed().values());
    }
    return new Result(
        experimentId, compare, v1Version, championVersion, monitorId, alerted, llm.traceIds());
  }

  private void recordAnalysis(SweepAnalysis analysis) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    PairedComparison c = analysis.comparison();
    if (c != null) {
      metrics.put("delta_test_r2_vs_baseline", c.pairedT().meanDelta());
      metrics.put("delta_test_r2_ci_low", c.pairedT().interval().low());
      metrics.put("delta_test_r2_ci_high", c.pairedT().interval().high());
      metrics.put("paired_t_p_value", c.pairedT().pValue());
      metrics.put("wilcoxon_p_value", c.wilcoxon().pValue());
    }
    String runId = analysis.best().parentRunId();
    var now = System.currentTimeMillis();
    ctx.client()
        .logBatch(
            runId,
            metrics.entrySet().stream()
                .map(e -> new dev.mledger.core.tracking.Metric(e.getKey(), e.getValue(), now, 0))
                .toList(),
            List.of(),
            List.of(
                new dev.mledger.core.tracking.RunTag("mledger.demo.best", "true"),
                new dev.mledger.core.tracking.RunTag(
                    "mledger.demo.baseline", analysis.baseline().parentRunId())));
  }

  private void deploy(String version) {
    Map<String, Object> edge = new LinkedHashMap<>();
    edge.put("from", "model:" + DemoContext.MODEL + "/" + version);
    edge.put("to", "endpoint:" + DemoContext.ENDPOINT);
    edge.put("relation", "deployed");
    ctx.api().post("/api/v1/lineage/edges", edge);
  }

  private void setRetrainPolicy(String monitorId, ModelConfig config) {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("min_severity", "critical");
    policy.put("command", launcher.command(config));
    policy.put("cooldown_seconds", 3600);
    policy.put("budget", 1);
    policy.put("budget_period_seconds", 86_400);
    policy.put("gate", Gate.definition());
    ctx.api().post("/api/v1/monitors/" + monitorId + "/retrain-policy", policy);
  }

  private JsonNode waitForRetraining(String monitorId, Progress p) {
    long deadline = System.nanoTime() + RETRAIN_TIMEOUT.toNanos();
    int shown = 0;
    while (true) {
      JsonNode steps =
          ctx.api().get("/api/v1/monitors/" + monitorId + "/retrain-steps").path("steps");
      // Only the first attempt matters here; later windows may record vetoed triggers.
      String attempt = null;
      List<JsonNode> ours = new ArrayList<>();
      for (JsonNode s : steps) {
        if (s.path("step").asText().equals("vetoed")) {
          continue;
        }
        if (attempt == null) {
          attempt = s.path("attempt_id").asText();
        }
        if (s.path("attempt_id").asText().equals(attempt)) {
          ours.add(s);
        }
      }
      for (; shown < ours.size(); shown++) {
        p.detail("%-15s %s", ours.get(shown).path("step").asText(), describe(ours.get(shown)));
      }
      if (!ours.isEmpty()) {
        String last = ours.get(ours.size() - 1).path("step").asText();
        if (last.equals("promoted") || last.equals("kept") || last.equals("failed")) {
          return DemoApi.JSON.valueToTree(ours);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(
            "the retraining loop did not finish within " + RETRAIN_TIMEOUT.toSeconds() + " s", 1);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted while waiting for the retraining loop", 1, e);
      }
    }
  }

  private static String describe(JsonNode step) {
    JsonNode d = step.path("detail");
    return switch (step.path("step").asText()) {
      case "triggered" -> "by " + d.path("triggers");
      case "launched" -> "pid " + d.path("pid").asText();
      case "finished" -> "exit code " + d.path("exit_code").asText();
      case "run_linked" ->
          "run " + d.path("run_id").asText() + " -> version " + d.path("version").asText();
      case "gate_evaluated" ->
          (d.path("passed").asBoolean() ? "passed" : "failed")
              + " (decision "
              + d.path("decision_id").asText()
              + ")";
      case "promoted" ->
          "version " + d.path("version").asText() + " is @" + d.path("alias").asText();
      default -> d.toString();
    };
  }

  private static String shortId(JsonNode decision) {
    String id = decision.path("id").asText();
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** Writes {@code text} to {@code file}, failing with a one-line error. */
  static void writeFile(java.nio.file.Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage(), 1, e);
    }
  }

  /** The random stream of the production traffic, derived from the demo seed. */
  static Random trafficRandom(long seed) {
    return new Random(seed * 31 + 7);
  }
}
