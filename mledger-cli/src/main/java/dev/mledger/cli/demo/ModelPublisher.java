package dev.mledger.cli.demo;

import dev.mledger.cli.CliException;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stores a configuration's model as the parent run's {@code model/model.json} artifact (through the
 * artifact proxy) and registers it as a new version of {@value DemoContext#MODEL}.
 */
final class ModelPublisher {
  private static final String PROXY_SCHEME = "mlflow-artifacts:";

  private ModelPublisher() {}

  /** Returns the new version's number. */
  static String publish(DemoContext ctx, SweepTrainer.Outcome outcome, DataStage.Recorded data) {
    String artifactUri = ctx.client().getRun(outcome.parentRunId()).info().artifactUri();
    if (artifactUri == null || !artifactUri.startsWith(PROXY_SCHEME)) {
      throw new CliException(
          "the demo expects run artifacts behind the server's artifact proxy, got " + artifactUri,
          1);
    }
    String root = artifactUri.substring(PROXY_SCHEME.length()).replaceFirst("^/+", "");
    var doc = outcome.representative().model().toJson(outcome.config());
    doc.put("trained_with_seed", outcome.runIdBySeed().keySet().iterator().next());
    doc.put("dataset", data.features().version().ref());
    ctx.api()
        .put(
            "/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/model.json",
            DemoApi.bytes(doc));
    ctx.api()
        .put(
            "/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/MLmodel",
            ("artifact_path: model\nflavors:\n  mledger_demo_linear:\n    data: model.json\n"
                    + "run_id: "
                    + outcome.parentRunId()
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
    var registry = ctx.client().registry();
    if (registry.findRegisteredModel(DemoContext.MODEL).isEmpty()) {
      registry.createRegisteredModel(
          DemoContext.MODEL,
          "Regression on the demo's synthetic sensor data (10 features, 5 informative).",
          List.of());
    }
    ModelVersion version =
        registry.createModelVersion(
            DemoContext.MODEL,
            artifactUri + "/model",
            outcome.parentRunId(),
            outcome.config().label()
                + " trained on "
                + data.features().version().ref()
                + String.format(
                    java.util.Locale.ROOT,
                    ": test R² %.4f [%.4f, %.4f] over %d seeds",
                    outcome.testR2().mean(),
                    outcome.testR2().interval().low(),
                    outcome.testR2().interval().high(),
                    outcome.testR2().n()),
            List.of(
                new ModelVersionTag("mledger.demo.config", outcome.config().label()),
                new ModelVersionTag("mledger.demo.dataset", data.features().version().ref())));
    return version.version();
  }
}
