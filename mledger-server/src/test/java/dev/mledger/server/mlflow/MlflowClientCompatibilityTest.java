package dev.mledger.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.server.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;

/**
 * The real MLflow 2.17.2 Java client ({@code org.mlflow:mlflow-client}) against a running server:
 * every tracking call it has. Its protobuf JSON parser is strict about types, so any deviation in
 * our responses' shape shows up here as a parse failure.
 */
class MlflowClientCompatibilityTest {
  @TempDir static Path dir;
  static RunningServer server;
  static MlflowClient client;

  @BeforeAll
  static void start() {
    server = RunningServer.sqlite(dir);
    client = new MlflowClient(server.base().toString());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void experiments() {
    String id = client.createExperiment("client-experiments");
    Experiment experiment = client.getExperiment(id);
    assertThat(experiment.getName()).isEqualTo("client-experiments");
    assertThat(experiment.getLifecycleStage()).isEqualTo("active");
    assertThat(experiment.getCreationTime()).isPositive();

    assertThat(client.getExperimentByName("client-experiments"))
        .map(Experiment::getExperimentId)
        .hasValue(id);
    assertThat(client.getExperimentByName("does-not-exist")).isEqualTo(Optional.empty());

    client.setExperimentTag(id, "team", "ml");
    client.renameExperiment(id, "client-experiments-renamed");
    Experiment renamed = client.getExperiment(id);
    assertThat(renamed.getName()).isEqualTo("client-experiments-renamed");
    assertThat(renamed.getTagsList())
        .anySatisfy(t -> assertThat(t.getKey() + "=" + t.getValue()).isEqualTo("team=ml"));

    client.deleteExperiment(id);
    assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
    client.restoreExperiment(id);
    assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");
  }

  @Test
  void searchExperimentsPages() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(client.createExperiment("paged-experiment-" + i));
    }
    ExperimentsPage page =
        client.searchExperiments(
            "name LIKE 'paged-experiment-%'", ViewType.ACTIVE_ONLY, 2, List.of("name ASC"));
    List<String> names = new ArrayList<>();
    while (true) {
      page.getItems().forEach(e -> names.add(e.getName()));
      if (!page.hasNextPage()) {
        break;
      }
      page = (ExperimentsPage) page.getNextPage();
    }
    assertThat(names)
        .containsExactly(
            "paged-experiment-0",
            "paged-experiment-1",
            "paged-experiment-2",
            "paged-experiment-3",
            "paged-experiment-4");
  }

  @Test
  void runsParamsMetricsTagsAndBatch() {
    String experimentId = client.createExperiment("client-runs");
    RunInfo info = client.createRun(experimentId);
    String runId = info.getRunId();
    assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);
    assertThat(info.getExperimentId()).isEqualTo(experimentId);

    client.logParam(runId, "alpha", "0.5");
    client.logMetric(runId, "loss", 0.25);
    client.logMetric(runId, "loss", 0.125, 1_700_000_000_000L, 7);
    client.logMetric(runId, "weird", Double.NaN);
    client.logMetric(runId, "big", Double.POSITIVE_INFINITY);
    client.setTag(runId, "stage", "dev");
    client.setTag(runId, "temporary", "x");
    client.deleteTag(runId, "temporary");
    client.logBatch(
        runId,
        List.of(
            Metric.newBuilder().setKey("acc").setValue(0.9).setTimestamp(1L).setStep(1).build()),
        List.of(Param.newBuilder().setKey("beta").setValue("2").build()),
        List.of(RunTag.newBuilder().setKey("batch").setValue("yes").build()));

    Run run = client.getRun(runId);
    assertThat(run.getData().getParamsList())
        .extracting(p -> p.getKey() + "=" + p.getValue())
        .containsExactlyInAnyOrder("alpha=0.5", "beta=2");
    assertThat(run.getData().getTagsList())
        .extracting(RunTag::getKey)
        .contains("stage", "batch")
        .doesNotContain("temporary");
    assertThat(latest(run, "loss").getValue()).isEqualTo(0.125);
    assertThat(latest(run, "weird").getValue()).isNaN();
    assertThat(latest(run, "big").getValue()).isInfinite();
    assertThat(latest(run, "acc").getStep()).isEqualTo(1);

    client.setTerminated(runId, RunStatus.FAILED, 1_700_000_100_000L);
    RunInfo ended = client.getRun(runId).getInfo();
    assertThat(ended.getStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(ended.getEndTime()).isEqualTo(1_700_000_100_000L);

    RunInfo named =
        client.createRun(
            CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName("named-run")
                .setStartTime(5L)
                .build());
    assertThat(named.getRunName()).isEqualTo("named-run");
    client.setTerminated(named.getRunId());
    assertThat(client.getRun(named.getRunId()).getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);

    client.deleteRun(runId);
    assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
    assertThat(client.listRunInfos(experimentId))
        .extracting(RunInfo::getRunId)
        .containsExactly(named.getRunId());
    client.restoreRun(runId);
    assertThat(client.listRunInfos(experimentId)).hasSize(2);
  }

  @Test
  void searchRunsWithFilterOrderAndPaging() {
    String experimentId = client.createExperiment("client-search");
    for (int i = 0; i < 7; i++) {
      String runId = client.createRun(experimentId).getRunId();
      client.logMetric(runId, "score", i, 1L, 0);
      client.logParam(runId, "parity", i % 2 == 0 ? "even" : "odd");
    }
    RunsPage page =
        client.searchRuns(
            List.of(experimentId),
            "params.parity = 'even'",
            ViewType.ACTIVE_ONLY,
            2,
            List.of("metrics.score DESC"));
    List<Double> scores = new ArrayList<>();
    int pages = 0;
    while (true) {
      pages++;
      page.getItems().forEach(r -> scores.add(latest(r, "score").getValue()));
      if (!page.hasNextPage()) {
        break;
      }
      page = (RunsPage) page.getNextPage();
    }
    assertThat(scores).containsExactly(6.0, 4.0, 2.0, 0.0);
    assertThat(pages).isEqualTo(2);

    List<RunInfo> odd = client.searchRuns(List.of(experimentId), "params.parity = 'odd'");
    assertThat(odd).hasSize(3);
    assertThat(client.searchRuns(List.of(experimentId), null, ViewType.DELETED_ONLY)).isEmpty();
  }

  @Test
  void metricHistoryOf26000Points() {
    String runId = client.createRun(client.createExperiment("client-history")).getRunId();
    int total = 26_000;
    for (int start = 0; start < total; start += 1000) {
      List<Metric> chunk = new ArrayList<>();
      for (int step = start; step < start + 1000; step++) {
        chunk.add(
            Metric.newBuilder()
                .setKey("curve")
                .setValue(step * 0.001)
                .setTimestamp(1_700_000_000_000L + step)
                .setStep(step)
                .build());
      }
      client.logBatch(runId, chunk, null, null);
    }
    List<Metric> history = client.getMetricHistory(runId, "curve");
    assertThat(history).hasSize(total);
    assertThat(history.stream().map(Metric::getStep).collect(Collectors.toList()))
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(history.get(total - 1).getValue()).isEqualTo(25.999);
  }

  @Test
  void errorsSurfaceAsClientExceptionsWithMlflowStatuses() {
    assertThatThrownBy(() -> client.getRun("0123456789abcdef0123456789abcdef"))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(404))
        .hasMessageContaining("RESOURCE_DOES_NOT_EXIST");
    client.createExperiment("client-duplicate");
    assertThatThrownBy(() -> client.createExperiment("client-duplicate"))
        .isInstanceOf(MlflowClientException.class)
        .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(400))
        .hasMessageContaining("RESOURCE_ALREADY_EXISTS");
    String runId = client.createRun(client.createExperiment("client-conflict")).getRunId();
    client.logParam(runId, "p", "1");
    assertThatThrownBy(() -> client.logParam(runId, "p", "2"))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(400));
    assertThatThrownBy(() -> client.getExperiment("424242"))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(404));
  }

  private static Metric latest(Run run, String key) {
    return run.getData().getMetricsList().stream()
        .filter(m -> m.getKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + key + " in " + run.getData()));
  }
}
