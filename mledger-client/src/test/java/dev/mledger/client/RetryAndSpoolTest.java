package dev.mledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.tracking.ViewType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryAndSpoolTest {
  @TempDir static Path dir;
  @TempDir Path spool;
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

  private Tracker.Builder offlineTracker() {
    return Tracker.builder()
        .offline(true)
        .environment(Map.of())
        .discoverListeners(false)
        .linger(Duration.ofMillis(1))
        .spoolDirectory(spool);
  }

  private static List<Run> runsWithClientId(String experimentName, String clientRunId) {
    String experimentId = client.getExperimentByName(experimentName).orElseThrow().experimentId();
    return client
        .searchAllRuns(
            List.of(experimentId),
            "tags.`" + MledgerClient.CLIENT_RUN_ID_TAG + "` = '" + clientRunId + "'",
            ViewType.ALL,
            List.of())
        .toList();
  }

  private static Map<String, String> tags(Run run) {
    Map<String, String> tags = new java.util.HashMap<>();
    run.data().tags().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Test
  void transientFailuresAreRetriedAndReplayedBatchesAreHarmless() throws Exception {
    try (FlakyProxy proxy = new FlakyProxy(server.uri());
        MledgerClient viaProxy = TestServer.client(proxy.uri())) {
      String runId = viaProxy.createRun(null, "retried", List.of()).info().runId();
      proxy.inject(new FlakyProxy.Reject("runs/log-batch", 503, "{\"error_code\": \"x\"}"));
      proxy.inject(new FlakyProxy.Reject("runs/log-batch", 429, ""));
      // The server stores this batch but the client only sees a 502: it sends the batch again.
      proxy.inject(new FlakyProxy.LoseResponse("runs/log-batch", 502));
      List<Metric> metrics = new ArrayList<>();
      for (int step = 0; step < 10; step++) {
        metrics.add(new Metric("loss", 1.0 / (step + 1), 1_000 + step, step));
      }
      viaProxy.logBatch(runId, metrics, List.of(), List.of(new RunTag("t", "v")));
      assertThat(proxy.count("runs/log-batch")).isEqualTo(4);
      assertThat(client.getMetricHistory(runId, "loss")).containsExactlyElementsOf(metrics);
    }
  }

  @Test
  void ambiguousCreationsDoNotCreateTwice() throws Exception {
    try (FlakyProxy proxy = new FlakyProxy(server.uri());
        MledgerClient viaProxy = TestServer.client(proxy.uri())) {
      proxy.inject(new FlakyProxy.LoseResponse("experiments/create", 502));
      String experimentId = viaProxy.createExperiment("ambiguous");
      assertThat(client.getExperimentByName("ambiguous").orElseThrow().experimentId())
          .isEqualTo(experimentId);

      proxy.inject(new FlakyProxy.LoseResponse("runs/create", 504));
      Run run = viaProxy.createRun(experimentId, "once", List.of());
      assertThat(proxy.count("runs/create")).isEqualTo(1);
      assertThat(
              client
                  .searchAllRuns(List.of(experimentId), null, ViewType.ALL, List.of())
                  .map(r -> r.info().runId()))
          .containsExactly(run.info().runId());
    }
  }

  @Test
  void runSurvivesAServerRestart(@TempDir Path own) {
    try (TestServer restarting = new TestServer(own);
        MledgerClient patient =
            MledgerClient.builder()
                .trackingUri(restarting.uri())
                .environment(Map.of())
                .retryPolicy(
                    new RetryPolicy(40, Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.2))
                .build();
        Tracker tracker =
            Tracker.builder()
                .client(patient)
                .environment(Map.of())
                .discoverListeners(false)
                .fallbackToSpool(false)
                .spoolDirectory(spool)
                .build()) {
      String runId;
      try (ActiveRun run = tracker.start("restart").begin()) {
        runId = run.id();
        restarting.stop();
        Thread restarter =
            new Thread(
                () -> {
                  sleep(500);
                  restarting.restart();
                });
        restarter.start();
        for (int step = 0; step < 50; step++) {
          run.metric("m", step, step);
        }
        run.flush();
      }
      try (MledgerClient check = TestServer.client(restarting.uri())) {
        assertThat(check.getMetricHistory(runId, "m")).hasSize(50);
        assertThat(check.getRun(runId).info().status()).isEqualTo(RunStatus.FINISHED);
      }
    }
  }

  @Test
  void offlineRunsWithChildrenSyncLater() {
    String parentClientId;
    try (Tracker tracker = offlineTracker().build();
        ActiveRun parent = tracker.start("offline").name("search").param("grid", "small").begin()) {
      assertThat(parent.isOffline()).isTrue();
      assertThat(parent.serverRunId()).isEmpty();
      parentClientId = parent.clientRunId();
      assertThat(parent.id()).isEqualTo(parentClientId);
      for (int step = 0; step < 2500; step++) {
        parent.metric("loss", 1.0 / (step + 1), step);
      }
      parent.inputs(
          List.of(
              new DatasetInput(
                  List.of(new InputTag("mlflow.data.context", "training")),
                  new Dataset("train", "d1", "local", "{}", null, null))));
      try (ActiveRun child = parent.child("fold-0").begin()) {
        child.metric("auc", 0.9);
      }
      parent.child("fold-1").run(child -> child.fail(new IllegalStateException("nan loss")));
    }
    assertThat(spool.resolve("runs")).isNotEmptyDirectory();

    List<RunSyncResult> progress = new ArrayList<>();
    SyncReport report =
        new SpoolSync(spool, client)
            .listener(
                new SyncListener() {
                  @Override
                  public void runFinished(RunSyncResult result) {
                    progress.add(result);
                  }
                })
            .syncAll();
    assertThat(report.ok()).isTrue();
    assertThat(report.synced()).isEqualTo(3);
    assertThat(progress).hasSize(3);
    assertThat(spool.resolve("runs")).isEmptyDirectory();

    Run parent = runsWithClientId("offline", parentClientId).get(0);
    String parentId = parent.info().runId();
    assertThat(parent.info().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(parent.info().runName()).isEqualTo("search");
    assertThat(parent.inputs()).hasSize(1);
    assertThat(client.getMetricHistory(parentId, "loss")).hasSize(2500);
    List<Run> children =
        client
            .searchAllRuns(
                List.of(parent.info().experimentId()),
                "tags.mlflow.parentRunId = '" + parentId + "'",
                ViewType.ALL,
                List.of("attributes.run_name ASC"))
            .toList();
    assertThat(children).extracting(r -> r.info().runName()).containsExactly("fold-0", "fold-1");
    assertThat(children)
        .extracting(r -> r.info().status())
        .containsExactly(RunStatus.FINISHED, RunStatus.FAILED);
    assertThat(tags(children.get(1)).get(MlflowTags.FAILURE)).contains("nan loss");

    SyncReport again = new SpoolSync(spool, client).syncAll();
    assertThat(again.runs()).isEmpty();
  }

  @Test
  void unreachableServerFallsBackToTheSpool() throws Exception {
    int deadPort;
    try (var socket = new java.net.ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    String clientRunId;
    try (MledgerClient unreachable =
            MledgerClient.builder()
                .trackingUri("http://127.0.0.1:" + deadPort)
                .environment(Map.of())
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), 1, 0))
                .build();
        Tracker tracker =
            Tracker.builder()
                .client(unreachable)
                .environment(Map.of())
                .discoverListeners(false)
                .spoolDirectory(spool)
                .build();
        ActiveRun run = tracker.start("fallback").param("lr", 0.01).begin()) {
      assertThat(run.isOffline()).isTrue();
      clientRunId = run.clientRunId();
      run.metric("loss", 0.5);
    }
    SyncReport report = new SpoolSync(spool, client).syncAll();
    assertThat(report.synced()).isEqualTo(1);
    Run run = runsWithClientId("fallback", clientRunId).get(0);
    assertThat(run.data().params()).extracting(p -> p.value()).containsExactly("0.01");
    assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  void runThatLosesTheServerMidwayContinuesInTheSpool(@TempDir Path own) {
    String runId;
    try (TestServer vanishing = new TestServer(own);
        MledgerClient quick =
            MledgerClient.builder()
                .trackingUri(vanishing.uri())
                .environment(Map.of())
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), 1, 0))
                .build();
        Tracker tracker =
            Tracker.builder()
                .client(quick)
                .environment(Map.of())
                .discoverListeners(false)
                .linger(Duration.ofMillis(1))
                .spoolDirectory(spool)
                .build()) {
      try (ActiveRun run = tracker.start("midway").begin()) {
        runId = run.id();
        run.metric("m", 1.0, 0);
        run.flush();
        vanishing.stop();
        run.metric("m", 2.0, 1);
        run.flush();
        assertThat(run.isOffline()).isTrue();
        assertThat(run.id()).isEqualTo(runId);
      }
      vanishing.restart();
      try (MledgerClient check = TestServer.client(vanishing.uri())) {
        assertThat(check.getMetricHistory(runId, "m")).hasSize(1);
        SyncReport report = new SpoolSync(spool, check).syncAll();
        assertThat(report.synced()).isEqualTo(1);
        assertThat(check.getMetricHistory(runId, "m"))
            .extracting(Metric::step)
            .containsExactly(0L, 1L);
        assertThat(check.getRun(runId).info().status()).isEqualTo(RunStatus.FINISHED);
      }
    }
  }

  @Test
  void interruptedSyncResumesWithoutDuplicates() throws Exception {
    String clientRunId;
    try (Tracker tracker = offlineTracker().build();
        ActiveRun run = tracker.start("resume").name("r").begin()) {
      clientRunId = run.clientRunId();
      for (int batch = 0; batch < 3; batch++) {
        for (int i = 0; i < 10; i++) {
          run.metric("m", batch * 10 + i, batch * 10 + i);
        }
        run.flush();
      }
    }
    String otherClientRunId;
    try (Tracker tracker = offlineTracker().build();
        ActiveRun run = tracker.start("resume").name("other").begin()) {
      otherClientRunId = run.clientRunId();
      run.metric("x", 1.0);
    }
    try (FlakyProxy proxy = new FlakyProxy(server.uri());
        MledgerClient fragile =
            MledgerClient.builder()
                .trackingUri(proxy.uri())
                .environment(Map.of())
                .retryPolicy(RetryPolicy.NONE)
                .build()) {
      // The server applies the first run's create, but the sync never hears back.
      proxy.inject(new FlakyProxy.LoseResponse("runs/create", 502));
      SyncReport first = new SpoolSync(spool, fragile).syncAll();
      assertThat(first.failed()).isEqualTo(1);
      assertThat(first.synced()).isEqualTo(1);
      // Resuming, it finds the run created before and stops again after a batch the server took.
      proxy.inject(new FlakyProxy.LoseResponse("runs/log-batch", 502));
      SyncReport second = new SpoolSync(spool, fragile).syncAll();
      assertThat(second.failed()).isEqualTo(1);
      assertThat(second.runs().get(0).recordsApplied()).isEqualTo(1);
    }
    SyncReport last = new SpoolSync(spool, client).syncAll();
    assertThat(last.ok()).isTrue();
    assertThat(last.synced()).isEqualTo(1);

    List<Run> runs = runsWithClientId("resume", clientRunId);
    assertThat(runs).hasSize(1);
    assertThat(client.getMetricHistory(runs.get(0).info().runId(), "m"))
        .extracting(Metric::step)
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 30).boxed().toList());
    assertThat(runs.get(0).info().status()).isEqualTo(RunStatus.FINISHED);
    List<Run> other = runsWithClientId("resume", otherClientRunId);
    assertThat(other).hasSize(1);
    assertThat(client.getMetricHistory(other.get(0).info().runId(), "x")).hasSize(1);
  }

  @Test
  void tornLastLineIsIgnoredAndCorruptionIsReported() throws Exception {
    String clientRunId;
    try (Tracker tracker = offlineTracker().build();
        ActiveRun run = tracker.start("torn").begin()) {
      clientRunId = run.clientRunId();
      run.metric("m", 1.0);
    }
    Path journal = spool.resolve("runs").resolve(clientRunId + ".ndjson");
    Files.writeString(journal, "{\"seq\":9,\"op\":\"log_batch\",\"metr", StandardOpenOption.APPEND);
    Path corrupt = spool.resolve("runs").resolve("0000corrupt.ndjson");
    Files.writeString(
        corrupt,
        "{\"seq\":1,\"op\":\"attach\",\"client_run_id\":\"0000corrupt\",\"run_id\":\"x\"}\n"
            + "garbage\n"
            + "{\"seq\":3,\"op\":\"end\",\"status\":\"FINISHED\",\"end_time\":1}\n",
        StandardCharsets.UTF_8);

    SyncReport report = new SpoolSync(spool, client).syncAll();
    assertThat(report.synced()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(1);
    RunSyncResult failed =
        report.runs().stream()
            .filter(r -> r.outcome() == RunSyncResult.Outcome.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.message()).contains("is corrupt at line 2");
    assertThat(corrupt).exists();
    Run run = runsWithClientId("torn", clientRunId).get(0);
    assertThat(client.getMetricHistory(run.info().runId(), "m")).hasSize(1);
  }

  @Test
  void runsStillBeingWrittenAreSkipped() {
    try (Tracker tracker = offlineTracker().build()) {
      ActiveRun parent = tracker.start("in-use").begin();
      ActiveRun child = parent.child("child").begin();
      child.close();
      SyncReport whileOpen = new SpoolSync(spool, client).syncAll();
      assertThat(whileOpen.inUse()).isEqualTo(2);
      assertThat(whileOpen.ok()).isTrue();
      assertThat(whileOpen.runs())
          .extracting(RunSyncResult::message)
          .anyMatch(m -> m.startsWith("waiting for parent run " + parent.clientRunId()));
      parent.close();
      SyncReport afterClose = new SpoolSync(spool, client).syncAll();
      assertThat(afterClose.synced()).isEqualTo(2);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
