package dev.mledger.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Expected outputs come from running MLflow's {@code get_metric_history_bulk_interval} algorithm
 * (abstract_store.py, transcribed to a standalone Python script) on the same histories.
 */
class MetricHistorySamplerTest {
  private static final List<MetricWithRunId> HISTORY = history();

  private static List<MetricWithRunId> history() {
    List<MetricWithRunId> points = new ArrayList<>();
    for (int step = 0; step < 1000; step += 3) {
      points.add(point("a", step, 1000 + step));
    }
    for (int step = -5; step < 700; step += 7) {
      points.add(point("b", step, 5000 + step));
    }
    points.add(point("b", 10, 1));
    points.add(point("b", 10, 0));
    // the store's order: run id, step, timestamp
    points.sort(
        Comparator.comparing(MetricWithRunId::runId)
            .thenComparingLong(p -> p.metric().step())
            .thenComparingLong(p -> p.metric().timestamp()));
    return points;
  }

  private static MetricWithRunId point(String run, long step, long timestamp) {
    return new MetricWithRunId(run, new Metric("loss", step * 0.5, timestamp, step));
  }

  private static String render(List<MetricWithRunId> sampled) {
    return sampled.stream()
        .map(p -> p.runId() + ":" + p.metric().step() + ":" + p.metric().timestamp())
        .collect(Collectors.joining(";"));
  }

  @Test
  void samplesEvenlyAndKeepsEachRunsBoundaries() {
    assertThat(render(MetricHistorySampler.sample(List.of("a", "b", "c"), HISTORY, null, null, 10)))
        .isEqualTo(
            "a:0:1000;a:90:1090;a:276:1276;a:372:1372;a:465:1465;a:561:1561;a:759:1759;"
                + "a:879:1879;a:999:1999;b:184:5184;b:653:5653;b:695:5695");
  }

  @Test
  void restrictsToTheIntervalAndFollowsRequestOrder() {
    assertThat(render(MetricHistorySampler.sample(List.of("b", "a"), HISTORY, 20L, 400L, 7)))
        .isEqualTo(
            "b:128:5128;b:345:5345;a:21:1021;a:75:1075;a:183:1183;a:237:1237;a:291:1291;"
                + "a:345:1345;a:399:1399");
  }

  @Test
  void returnsEverythingWhenUnderTheLimit() {
    assertThat(MetricHistorySampler.sample(List.of("a"), HISTORY, null, null, 2500)).hasSize(334);
  }

  @Test
  void singleSampleStillKeepsBoundaries() {
    assertThat(render(MetricHistorySampler.sample(List.of("a", "b"), HISTORY, 0L, 1000L, 1)))
        .isEqualTo("a:0:1000;a:999:1999;b:695:5695");
    assertThat(render(MetricHistorySampler.sample(List.of("b"), HISTORY, 100L, 100L, 5)))
        .isEqualTo("b:100:5100");
  }

  @Test
  void unknownRunsAndEmptyHistoryGiveNothing() {
    assertThat(MetricHistorySampler.sample(List.of("zzz"), List.of(), null, null, 10)).isEmpty();
  }
}
