package dev.mledger.core.tracking;

import java.util.List;

/** An experiment: a named group of runs with a default artifact location. Times are epoch ms. */
public record Experiment(
    String experimentId,
    String name,
    String artifactLocation,
    LifecycleStage lifecycleStage,
    long creationTime,
    long lastUpdateTime,
    List<ExperimentTag> tags) {

  public Experiment {
    tags = List.copyOf(tags);
  }
}
