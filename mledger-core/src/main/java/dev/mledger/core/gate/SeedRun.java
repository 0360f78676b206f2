package dev.mledger.core.gate;

import java.util.Map;

/**
 * One run of a group of runs that differ only by seed (or fold), as evidence for a {@link
 * Significance} rule.
 *
 * @param runId the run's id
 * @param labels the run's parameters and tags that can pair it with a run of the other model
 *     (parameters win over tags of the same key)
 * @param metrics the run's latest metric values
 */
public record SeedRun(String runId, Map<String, String> labels, Map<String, Double> metrics) {

  public SeedRun {
    GateArguments.requireText("run id", runId);
    labels = Map.copyOf(labels);
    metrics = Map.copyOf(metrics);
  }
}
