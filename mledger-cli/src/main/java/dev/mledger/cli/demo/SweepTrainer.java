package dev.mledger.cli.demo;

import dev.mledger.client.ActiveRun;
import dev.mledger.core.stats.RunGroupStatistics;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one configuration over {@link DemoContext#SEEDS} seeds through the SDK: a parent run per
 * configuration (the summary a model version is registered from) with one child run per seed. Every
 * run logs its params, per-epoch curves, held-out metrics and the features dataset version as its
 * input; the SDK's envelope capture stores each run's envelope when it ends.
 */
final class SweepTrainer {
  private SweepTrainer() {}

  /** One configuration's runs and results. */
  record Outcome(
      ModelConfig config,
      String parentRunId,
      Map<String, String> runIdBySeed,
      Map<String, Double> testR2BySeed,
      RunGroupStatistics testR2,
      Trainer.Result representative,
      double latencyP95Ms,
      double costPer1kPredictions) {}

  /**
   * @param stage a tag value telling the sweep from a retraining ({@code sweep} or {@code retrain})
   */
  static Outcome train(DemoContext ctx, ModelConfig config, DataStage.Recorded data, String stage) {
    List<DatasetInput> inputs = List.of(input(data));
    Map<String, String> runIds = new LinkedHashMap<>();
    Map<String, Double> r2 = new LinkedHashMap<>();
    List<Trainer.Result> results = new ArrayList<>();
    try (ActiveRun parent =
        ctx.tracker()
            .start(DemoContext.EXPERIMENT)
            .name(config.label() + (stage.equals("sweep") ? "" : "-" + stage))
            .params(config.params())
            .param("dataset", data.features().version().ref())
            .tag("mledger.demo.stage", stage)
            .tag("mledger.demo.config", config.label())
            .begin()) {
      parent.inputs(inputs);
      for (int i = 0; i < DemoContext.SEEDS; i++) {
        long seed = ctx.seed() + i;
        try (ActiveRun run =
            parent
                .child(config.label() + "-seed" + seed + (stage.equals("sweep") ? "" : "-" + stage))
                .params(config.params())
                .param("dataset", data.features().version().ref())
                .seed(seed)
                .tag("mledger.demo.stage", stage)
                .tag("mledger.demo.config", config.label())
                .begin()) {
          run.inputs(inputs);
          Trainer.Result result =
              Trainer.train(
                  config,
                  data.rows(),
                  seed,
                  (epoch, loss, rmse, testR2) ->
                      run.metrics(
                          Map.of("train_loss", loss, "test_rmse", rmse, "test_r2", testR2), epoch));
          logResult(run, result);
          run.flush();
          runIds.put(Long.toString(seed), run.serverRunId().orElseThrow());
          r2.put(Long.toString(seed), result.testR2());
          results.add(result);
        }
      }
      RunGroupStatistics stats = RunGroupStatistics.of(r2.values(), 0.95);
      double p95 = results.stream().mapToDouble(Trainer.Result::latencyP95Ms).max().orElseThrow();
      double cost =
          results.stream().mapToDouble(Trainer.Result::costPer1kPredictions).max().orElseThrow();
      Map<String, Double> summary = new LinkedHashMap<>();
      summary.put("test_r2", stats.mean());
      summary.put("test_r2_ci_low", stats.interval().low());
      summary.put("test_r2_ci_high", stats.interval().high());
      summary.put(
          "test_rmse",
          results.stream().mapToDouble(Trainer.Result::testRmse).average().orElseThrow());
      summary.put(
          "test_mae",
          results.stream().mapToDouble(Trainer.Result::testMae).average().orElseThrow());
      // Serving figures of the worst seed: a gate should see the conservative value.
      summary.put("latency_p95_ms", p95);
      summary.put("cost_per_1k_predictions", cost);
      parent.metrics(summary, 0);
      parent.flush();
      return new Outcome(
          config, parent.serverRunId().orElseThrow(), runIds, r2, stats, results.get(0), p95, cost);
    }
  }

  /**
   * Logs the final figures; test R² and RMSE are already there as the last epoch of their curves
   * (MLflow's latest value is the highest step), which is the returned model.
   */
  private static void logResult(ActiveRun run, Trainer.Result r) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("test_mae", r.testMae());
    m.put("latency_p95_ms", r.latencyP95Ms());
    m.put("cost_per_1k_predictions", r.costPer1kPredictions());
    m.put("train_rows", (double) r.trainRows());
    m.put("test_rows", (double) r.testRows());
    run.metrics(m, 0);
  }

  /** The features version as an MLflow dataset input, named so lineage joins the pipeline. */
  static DatasetInput input(DataStage.Recorded data) {
    DatasetSnapshots.Version v = data.features().version();
    String schema =
        DemoApi.JSON
            .createObjectNode()
            .set(
                "mlflow_colspec",
                DemoApi.JSON.valueToTree(
                    v.columns().stream().map(c -> Map.of("name", c, "type", "double")).toList()))
            .toString();
    String source =
        DemoApi.JSON
            .createObjectNode()
            .put("uri", data.features().file().toAbsolutePath().normalize().toUri().toString())
            .put("mledger_dataset", v.ref())
            .toString();
    Dataset dataset =
        new Dataset(
            v.name(),
            v.digest(),
            "local",
            source,
            schema,
            DemoApi.JSON.createObjectNode().put("num_rows", v.rows()).toString());
    return new DatasetInput(
        List.of(
            new InputTag("mlflow.data.context", "training"),
            new InputTag("mledger.dataset.version", v.version())),
        dataset);
  }
}
