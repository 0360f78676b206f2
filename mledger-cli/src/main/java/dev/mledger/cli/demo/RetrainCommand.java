package dev.mledger.cli.demo;

import dev.mledger.cli.CliException;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.Tracker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mledger demo retrain}: the retraining job the demo's monitor launches. It exports new data
 * (recent traffic after the shift plus a sample from before), records it as the next dataset
 * versions, trains the chosen configuration over the seeds, registers the model and prints the two
 * lines the retraining loop reads ({@code mledger.run_id=...}, {@code
 * mledger.model_version=NAME/VERSION}). The loop then gates and promotes it.
 */
@Command(
    name = "retrain",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Retraining job of the demo (started by the demo monitor's retraining policy).")
public final class RetrainCommand implements Callable<Integer> {
  /** Rows exported from before and after the shift. */
  static final int ROWS_BEFORE = 500;

  static final int ROWS_AFTER = 2000;

  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "The demo server's data directory.")
  Path data;

  @Option(names = "--workdir", required = true, description = "The demo's working directory.")
  Path workDir;

  @Option(names = "--seed", required = true, description = "The demo's seed.")
  long seed;

  @Option(names = "--model", required = true, description = "linear or ridge.")
  String model;

  @Option(names = "--alpha", required = true, description = "The L2 penalty.")
  double alpha;

  @Override
  public Integer call() {
    String uri = System.getenv("MLEDGER_TRACKING_URI");
    if (uri == null || uri.isBlank()) {
      throw new CliException(
          "MLEDGER_TRACKING_URI is not set; this job is started by the demo monitor's retraining"
              + " policy",
          2);
    }
    if (!model.equals("linear") && !model.equals("ridge")) {
      throw new CliException("--model must be linear or ridge, got '" + model + "'", 2);
    }
    ModelConfig config = model.equals("linear") ? ModelConfig.baseline() : ModelConfig.ridge(alpha);
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(out, 3);
    try (MledgerClient client = MledgerClient.builder().trackingUri(uri).build();
        Tracker tracker =
            Tracker.builder()
                .client(client)
                .fallbackToSpool(false)
                .spoolDirectory(workDir.resolve("spool"))
                .build()) {
      DemoContext ctx =
          new DemoContext(
              data.toAbsolutePath().normalize(),
              workDir.toAbsolutePath().normalize(),
              seed,
              client,
              tracker,
              new DemoApi(client),
              progress);
      progress.step("Data: export after the shift");
      DataStage.Recorded v2 =
          DataStage.run(
              ctx,
              seed + 1,
              List.of(
                  new DataPipeline.Batch(Population.baseline(), ROWS_BEFORE),
                  new DataPipeline.Batch(Population.shifted(), ROWS_AFTER)),
              "production export after the drift alert of monitor "
                  + System.getenv().getOrDefault("MLEDGER_MONITOR_ID", "(unknown)"));
      progress.done("%s", v2.features().version().ref());
      progress.step("Training: " + config.label() + " x " + DemoContext.SEEDS + " seeds");
      SweepTrainer.Outcome outcome = SweepTrainer.train(ctx, config, v2, "retrain");
      progress.done(
          "test R² %.4f [%.4f, %.4f]",
          outcome.testR2().mean(),
          outcome.testR2().interval().low(),
          outcome.testR2().interval().high());
      progress.step("Registry: register the candidate");
      String version = ModelPublisher.publish(ctx, outcome, v2);
      progress.done("%s version %s", DemoContext.MODEL, version);
      out.println("mledger.run_id=" + outcome.parentRunId());
      out.println("mledger.model_version=" + DemoContext.MODEL + "/" + version);
      out.flush();
    }
    return 0;
  }
}
