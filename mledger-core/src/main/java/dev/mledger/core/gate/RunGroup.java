package dev.mledger.core.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed runs of one model version keyed by their pairing label, with the runs that had to be
 * left out and why.
 *
 * @param values metric value by pairing key
 * @param runIds run id by pairing key
 * @param excluded descriptions of the runs left out (no label, no finite metric value)
 * @param problem why the group cannot be used at all, or {@code null}
 */
record RunGroup(
    Map<String, Double> values, Map<String, String> runIds, List<Object> excluded, String problem) {

  static RunGroup of(Significance rule, ModelEvidence model) {
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> runIds = new LinkedHashMap<>();
    List<Object> excluded = new ArrayList<>();
    String problem = null;
    if (model.seedRuns().isEmpty()) {
      problem =
          "Version "
              + model.version()
              + " has no seed runs to pair by '"
              + rule.pairBy()
              + "' (register the version from a parent run whose child runs differ by "
              + rule.pairBy()
              + ", or name the runs explicitly).";
    }
    for (SeedRun run : model.seedRuns()) {
      String key = run.labels().get(rule.pairBy());
      Double value = run.metrics().get(rule.metric());
      if (key == null) {
        excluded.add(Map.of("run_id", run.runId(), "reason", "no " + rule.pairBy()));
      } else if (value == null || !Double.isFinite(value)) {
        excluded.add(
            Map.of("run_id", run.runId(), "reason", "no finite value of " + rule.metric()));
      } else if (runIds.containsKey(key)) {
        problem =
            problem != null
                ? problem
                : "Runs "
                    + runIds.get(key)
                    + " and "
                    + run.runId()
                    + " of version "
                    + model.version()
                    + " both have "
                    + rule.pairBy()
                    + " = "
                    + key
                    + "; a pairing key must identify one run.";
      } else {
        values.put(key, value);
        runIds.put(key, run.runId());
      }
    }
    return new RunGroup(values, runIds, excluded, problem);
  }
}
