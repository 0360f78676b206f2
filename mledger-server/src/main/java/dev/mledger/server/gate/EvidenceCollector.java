package dev.mledger.server.gate;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.ModelEvidence;
import dev.mledger.core.gate.SeedRun;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.search.RunFilterParser;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.tracking.ViewType;
import dev.mledger.store.RunSearch;
import dev.mledger.store.TrackingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a model version's gate evidence from the tracking store: the source run's latest metrics,
 * and as seed runs the source run's child runs ({@code mlflow.parentRunId}), or the source run
 * alone when it has no children.
 */
final class EvidenceCollector {
  static final String PARENT_RUN_TAG = "mlflow.parentRunId";
  private static final int MAX_SEED_RUNS = 1000;

  private final TrackingStore tracking;

  EvidenceCollector(TrackingStore tracking) {
    this.tracking = tracking;
  }

  ModelEvidence collect(ModelVersion version) {
    if (version.runId() == null) {
      return new ModelEvidence(version.name(), version.version(), null, Map.of(), List.of());
    }
    Run source = tracking.getRun(version.runId());
    List<SeedRun> seeds = new ArrayList<>();
    for (Run child : children(source)) {
      seeds.add(seedRun(child));
    }
    if (seeds.isEmpty()) {
      seeds.add(seedRun(source));
    }
    return new ModelEvidence(
        version.name(), version.version(), version.runId(), metrics(source), seeds);
  }

  List<Run> children(Run parent) {
    if (parent.info().runId().indexOf('\'') >= 0) {
      throw MledgerException.invalidParameter("Malformed run id " + parent.info().runId());
    }
    RunSearch search =
        new RunSearch(
            List.of(parent.info().experimentId()),
            RunFilterParser.parse(
                "tags.`" + PARENT_RUN_TAG + "` = '" + parent.info().runId() + "'"),
            ViewType.ACTIVE_ONLY,
            MAX_SEED_RUNS,
            List.of(),
            0);
    return tracking.searchRuns(search).items();
  }

  static Map<String, Double> metrics(Run run) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Metric metric : run.data().metrics()) {
      metrics.put(metric.key(), metric.value());
    }
    return metrics;
  }

  private static SeedRun seedRun(Run run) {
    Map<String, String> labels = new HashMap<>();
    for (RunTag tag : run.data().tags()) {
      labels.put(tag.key(), tag.value());
    }
    for (Param param : run.data().params()) {
      labels.put(param.key(), param.value());
    }
    Map<String, Double> finite = new HashMap<>();
    metrics(run).forEach((k, v) -> finite.put(k, v));
    return new SeedRun(run.info().runId(), labels, finite);
  }
}
