package dev.mledger.core.gate;

import java.util.List;
import java.util.Map;

/**
 * What a gate knows about one model version: its metrics and, for significance rules, the group of
 * seed/fold runs that trained the same configuration.
 *
 * @param modelName the registered model's name
 * @param version the model version
 * @param runId the model version's source run, or {@code null} when it has none
 * @param metrics the source run's latest metric values
 * @param seedRuns the runs paired against the other model's runs; may be empty
 */
public record ModelEvidence(
    String modelName,
    String version,
    String runId,
    Map<String, Double> metrics,
    List<SeedRun> seedRuns) {

  public ModelEvidence {
    GateArguments.requireText("model name", modelName);
    GateArguments.requireText("version", version);
    metrics = Map.copyOf(metrics);
    seedRuns = List.copyOf(seedRuns);
  }
}
