package dev.mledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.MetricWithRunId;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.tracking.ViewType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MledgerClientTest {
  @TempDir static Path dir;
  static TestServer server;
  static MledgerClient client;

  @BeforeAll
  static void start() {
    server = new TestServer(dir);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void experimentsRoundTrip() {
    String id =
        client.createExperiment("exp-roundtrip", null, List.of(new ExperimentTag("team", "ml")));
    Experiment experiment = client.getExperiment(id);
    assertThat(experiment.name()).isEqualTo("exp-roundtrip");
    assertThat(experiment.tags()).containsExactly(new ExperimentTag("team", "ml"));
    assertThat(experiment.artifactLocation()).endsWith("/" + id);
    assertThat(experiment.creationTime()).isPositive();
    assertThat(client.getExperimentByName("exp-roundtrip")).contains(experiment);
    assertThat(client.getExperimentByName("no-such-experiment")).isEmpty();
    assertThat(client.getOrCreateExperiment("exp-roundtrip")).isEqualTo(id);

    client.renameExperiment(id, "exp-renamed");
    client.setExperimentTag(id, "stage", "dev");
    assertThat(client.getExperiment(id).name()).isEqualTo("exp-renamed");
    client.deleteExperiment(id);
    assertThat(client.getExperiment(id).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
    assertThatThrownBy(() -> client.getOrCreateExperiment("exp-renamed"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("is deleted")
        .extracting(e -> ((MledgerException) e).code())
        .isEqualTo(ErrorCode.INVALID_STATE);
    client.restoreExperiment(id);
    assertThat(client.getExperiment(id).lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
  }

  @Test
  void searchExperimentsPagesAndStreams() {
    for (int i = 0; i < 5; i++) {
      client.createExperiment("paged-" + i);
    }
    Page<Experiment> first =
        client.searchExperiments(
            "name LIKE 'paged-%'", ViewType.ACTIVE_ONLY, List.of("name ASC"), 2, null);
    assertThat(first.items()).extracting(Experiment::name).containsExactly("paged-0", "paged-1");
    assertThat(first.nextPageToken()).isNotNull();
    Page<Experiment> second =
        client.searchExperiments(
            "name LIKE 'paged-%'",
            ViewType.ACTIVE_ONLY, List.of("name ASC"), 2, first.nextPageToken());
    assertThat(second.items()).extracting(Experiment::name).containsExactly("paged-2", "paged-3");
    assertThat(
            client.searchAllExperiments("name LIKE 'paged-%'", ViewType.ALL, List.of("name DESC")))
        .extracting(Experiment::name)
        .containsExactly("paged-4", "paged-3", "paged-2", "paged-1", "paged-0");
  }

  @Test
  void runLifecycleAndData() {
    String experimentId = client.createExperiment("runs-lifecycle");
    Run run =
        client.createRun(
            experimentId,
            "first",
            1_700_000_000_000L,
            "alice",
            List.of(new RunTag("mlflow.source.type", "LOCAL")));
    String runId = run.info().runId();
    assertThat(run.info().runName()).isEqualTo("first");
    assertThat(run.info().userId()).isEqualTo("alice");
    assertThat(run.info().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.info().startTime()).isEqualTo(1_700_000_000_000L);
    assertThat(run.data().tags())
        .extracting(RunTag::key)
        .contains("mlflow.source.type", MledgerClient.CLIENT_RUN_ID_TAG);

    client.logBatch(
        runId,
        List.of(
            new Metric("loss", 0.5, 1000, 0),
            new Metric("loss", 0.25, 1001, 1),
            new Metric("nan", Double.NaN, 1000, 0),
            new Metric("inf", Double.NEGATIVE_INFINITY, 1000, 0)),
        List.of(new Param("lr", "0.1")),
        List.of(new RunTag("note", "hello")));
    client.logMetric(runId, new Metric("acc", 0.9, 1002, 3));
    client.logParam(runId, "depth", "4");
    client.setTag(runId, "doomed", "x");
    client.deleteTag(runId, "doomed");
    client.logInputs(
        runId,
        List.of(
            new DatasetInput(
                List.of(new InputTag("mlflow.data.context", "training")),
                new Dataset("iris", "abc123", "local", "{\"uri\": \"/data\"}", null, null))));

    Run fetched = client.getRun(runId);
    assertThat(fetched.data().params())
        .containsExactlyInAnyOrder(new Param("lr", "0.1"), new Param("depth", "4"));
    assertThat(fetched.data().metrics())
        .contains(new Metric("loss", 0.25, 1001, 1), new Metric("acc", 0.9, 1002, 3));
    Metric nan =
        fetched.data().metrics().stream().filter(m -> m.key().equals("nan")).findFirst().get();
    assertThat(nan.value()).isNaN();
    assertThat(fetched.data().metrics())
        .contains(new Metric("inf", Double.NEGATIVE_INFINITY, 1000, 0));
    assertThat(fetched.data().tags())
        .contains(new RunTag("note", "hello"))
        .extracting(RunTag::key)
        .doesNotContain("doomed");
    assertThat(fetched.inputs()).hasSize(1);
    assertThat(fetched.inputs().get(0).dataset().name()).isEqualTo("iris");

    assertThat(client.getMetricHistory(runId, "loss"))
        .containsExactly(new Metric("loss", 0.5, 1000, 0), new Metric("loss", 0.25, 1001, 1));
    Page<Metric> page = client.getMetricHistory(runId, "loss", 1, null);
    assertThat(page.items()).containsExactly(new Metric("loss", 0.5, 1000, 0));
    assertThat(page.nextPageToken()).isNotNull();

    List<MetricWithRunId> bulk =
        client.getMetricHistoryBulkInterval(List.of(runId), "loss", null, null, null);
    assertThat(bulk).extracting(MetricWithRunId::runId).containsOnly(runId);
    assertThat(bulk).hasSize(2);

    RunInfo renamed = client.updateRun(runId, null, null, "renamed");
    assertThat(renamed.runName()).isEqualTo("renamed");
    RunInfo ended = client.endRun(runId, RunStatus.FINISHED);
    assertThat(ended.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(ended.endTime()).isNotNull();

    client.deleteRun(runId);
    assertThat(client.getRun(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
    client.restoreRun(runId);
    assertThat(client.getRun(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
  }

  @Test
  void longMetricHistoryComesBackWhole() {
    String runId = client.createRun(null, "long-history", List.of()).info().runId();
    List<Metric> metrics = new ArrayList<>();
    for (int step = 0; step < 2500; step++) {
      metrics.add(new Metric("x", step, 1000 + step, step));
      if (metrics.size() == BatchLimits.MAX_METRICS) {
        client.logBatch(runId, metrics, List.of(), List.of());
        metrics.clear();
      }
    }
    client.logBatch(runId, metrics, List.of(), List.of());
    List<Metric> history = client.getMetricHistory(runId, "x");
    assertThat(history).hasSize(2500);
    assertThat(history.get(2499)).isEqualTo(new Metric("x", 2499, 3499, 2499));
  }

  @Test
  void searchRunsPagesAndStreams() {
    String experimentId = client.createExperiment("runs-search");
    for (int i = 0; i < 7; i++) {
      String runId = client.createRun(experimentId, "r" + i, List.of()).info().runId();
      client.logBatch(runId, List.of(new Metric("score", i, 1000, 0)), List.of(), List.of());
    }
    Page<Run> page =
        client.searchRuns(
            List.of(experimentId),
            "metrics.score >= 2",
            ViewType.ACTIVE_ONLY,
            List.of("metrics.score DESC"),
            3,
            null);
    assertThat(page.items()).extracting(r -> r.info().runName()).containsExactly("r6", "r5", "r4");
    assertThat(page.nextPageToken()).isNotNull();
    assertThat(
            client.searchAllRuns(
                List.of(experimentId),
                "metrics.score >= 2",
                ViewType.ACTIVE_ONLY,
                List.of("metrics.score ASC")))
        .extracting(r -> r.info().runName())
        .containsExactly("r2", "r3", "r4", "r5", "r6");
  }

  @Test
  void serverErrorsKeepTheirCodeAndMessage() {
    assertThatThrownBy(() -> client.getRun("0123456789abcdef0123456789abcdef"))
        .isInstanceOf(MledgerException.class)
        .isNotInstanceOf(ServerUnavailableException.class)
        .hasMessage("Run with id=0123456789abcdef0123456789abcdef not found")
        .extracting(e -> ((MledgerException) e).code())
        .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);

    client.createExperiment("dup-name");
    assertThatThrownBy(() -> client.createExperiment("dup-name"))
        .extracting(e -> ((MledgerException) e).code())
        .isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS);

    String runId = client.createRun(null, "param-clash", List.of()).info().runId();
    client.logParam(runId, "lr", "0.1");
    assertThatThrownBy(() -> client.logParam(runId, "lr", "0.2"))
        .hasMessageContaining("Changing param values is not allowed")
        .extracting(e -> ((MledgerException) e).code())
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);

    assertThatThrownBy(() -> client.endRun(runId, RunStatus.RUNNING))
        .hasMessageContaining("FINISHED, FAILED or KILLED");
  }

  @Test
  void unreachableServerIsTemporarilyUnavailableAfterRetries() throws Exception {
    int freePort;
    try (var socket = new java.net.ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    try (MledgerClient offline = TestServer.client("http://127.0.0.1:" + freePort)) {
      assertThatThrownBy(() -> offline.getExperiment("0"))
          .isInstanceOfSatisfying(
              ServerUnavailableException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE);
                assertThat(e.attempts()).isEqualTo(4);
                assertThat(e.getMessage())
                    .startsWith("Cannot reach the tracking server at http://127.0.0.1:" + freePort)
                    .endsWith("(gave up after 4 attempts)");
              });
    }
  }

  @Test
  void trackingUriAndCredentialsComeFromTheEnvironment() throws Exception {
    try (FlakyProxy proxy = new FlakyProxy(server.uri())) {
      try (MledgerClient fromMledgerVar =
          MledgerClient.builder()
              .environment(
                  Map.of(
                      "MLEDGER_TRACKING_URI", proxy.uri(),
                      "MLFLOW_TRACKING_URI", "http://127.0.0.1:1",
                      "MLFLOW_TRACKING_TOKEN", "s3cret"))
              .build()) {
        assertThat(fromMledgerVar.trackingUri().toString()).isEqualTo(proxy.uri());
        fromMledgerVar.getExperiment("0");
      }
      try (MledgerClient basic =
          MledgerClient.builder()
              .environment(
                  Map.of(
                      "MLFLOW_TRACKING_URI", proxy.uri() + "/",
                      "MLFLOW_TRACKING_TOKEN", "ignored",
                      "MLFLOW_TRACKING_USERNAME", "bob",
                      "MLFLOW_TRACKING_PASSWORD", "pw"))
              .build()) {
        basic.getExperiment("0");
      }
      assertThat(proxy.seen())
          .extracting(FlakyProxy.Seen::authorization)
          .containsExactly("Bearer s3cret", "Basic Ym9iOnB3");
      assertThat(proxy.seen())
          .extracting(FlakyProxy.Seen::path)
          .containsOnly("/api/2.0/mlflow/experiments/get");
    }
    try (MledgerClient defaults = MledgerClient.builder().environment(Map.of()).build()) {
      assertThat(defaults.trackingUri().toString()).isEqualTo("http://127.0.0.1:5000");
      assertThat(defaults.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
    }
    try (MledgerClient retries =
        MledgerClient.builder()
            .environment(Map.of("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "2"))
            .build()) {
      assertThat(retries.retryPolicy().maxAttempts()).isEqualTo(3);
    }
  }

  @Test
  void badConfigurationIsRejectedClearly() {
    assertThatThrownBy(
            () ->
                MledgerClient.builder()
                    .environment(Map.of("MLFLOW_TRACKING_URI", "file:///tmp/mlruns"))
                    .build())
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("Unsupported tracking URI 'file:///tmp/mlruns'");
    assertThatThrownBy(
            () ->
                MledgerClient.builder()
                    .environment(Map.of("MLFLOW_HTTP_REQUEST_TIMEOUT", "soon"))
                    .build())
        .hasMessage("MLFLOW_HTTP_REQUEST_TIMEOUT must be a non-negative integer, got 'soon'");
  }
}
