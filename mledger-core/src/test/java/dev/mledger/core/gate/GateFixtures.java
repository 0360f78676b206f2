package dev.mledger.core.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evidence builders shared by the gate tests. */
final class GateFixtures {
  static final double[] CHAMPION_R2 = {0.801, 0.795, 0.812, 0.790, 0.805, 0.799};
  static final double[] CANDIDATE_2_R2 = {0.815, 0.809, 0.821, 0.802, 0.818, 0.806};
  static final double[] CANDIDATE_3_R2 = {0.806, 0.793, 0.818, 0.795, 0.809, 0.804};
  static final double[] CANDIDATE_4_R2 = {0.800, 0.797, 0.810, 0.791, 0.803, 0.801};

  private GateFixtures() {}

  /** A version whose seed runs 1..n report {@code metric}; its source metrics are the means. */
  static ModelEvidence model(String version, String metric, double[] perSeed) {
    return model(version, metric, perSeed, Map.of());
  }

  static ModelEvidence model(
      String version, String metric, double[] perSeed, Map<String, Double> extraMetrics) {
    List<SeedRun> runs = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < perSeed.length; i++) {
      runs.add(
          new SeedRun(
              "run-v" + version + "-s" + (i + 1),
              Map.of("seed", Integer.toString(i + 1)),
              Map.of(metric, perSeed[i])));
      sum += perSeed[i];
    }
    Map<String, Double> metrics = new LinkedHashMap<>(extraMetrics);
    if (perSeed.length > 0) {
      metrics.put(metric, sum / perSeed.length);
    }
    return new ModelEvidence("churn", version, "run-v" + version, metrics, runs);
  }

  static ModelEvidence metricsOnly(String version, Map<String, Double> metrics) {
    return new ModelEvidence("churn", version, "run-v" + version, metrics, List.of());
  }
}
