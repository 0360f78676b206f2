package dev.mledger.core.analysis;

import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunData;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds runs for analysis tests: {@code TestRuns.run("r1").param("lr", "0.1").metric(...)}. */
final class TestRuns {
  private final String id;
  private long startTime = 1_700_000_000_000L;
  private final Map<String, String> params = new LinkedHashMap<>();
  private final Map<String, Double> metrics = new LinkedHashMap<>();

  private TestRuns(String id) {
    this.id = id;
  }

  static TestRuns run(String id) {
    return new TestRuns(id);
  }

  TestRuns param(String key, String value) {
    params.put(key, value);
    return this;
  }

  TestRuns metric(String key, double value) {
    metrics.put(key, value);
    return this;
  }

  TestRuns startedAt(long millis) {
    startTime = millis;
    return this;
  }

  Run build() {
    List<Metric> metricList = new ArrayList<>();
    metrics.forEach((key, value) -> metricList.add(new Metric(key, value, startTime, 0)));
    List<Param> paramList = new ArrayList<>();
    params.forEach((key, value) -> paramList.add(new Param(key, value)));
    RunInfo info =
        new RunInfo(
            id,
            "run-" + id,
            "0",
            "tester",
            RunStatus.FINISHED,
            startTime,
            startTime + 1000,
            "file:///tmp/" + id,
            LifecycleStage.ACTIVE);
    return new Run(info, new RunData(metricList, paramList, List.of()), List.of());
  }
}
