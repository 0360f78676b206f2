package dev.mledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.core.tracking.ViewType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerTest {
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

  private Tracker.Builder tracker(MledgerClient via) {
    return Tracker.builder()
        .client(via)
        .environment(Map.of())
        .discoverListeners(false)
        .spoolDirectory(spool);
  }

  private static Map<String, String> tags(Run run) {
    Map<String, String> tags = new java.util.HashMap<>();
    run.data().tags().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Test
  void fluentRunEndsFinishedWithMlflowTagsParamsAndMetrics() {
    String runId;
    try (Tracker tracker = tracker(client).build();
        ActiveRun run =
            tracker
                .start("fluent")
                .name("baseline")
                .description("first try")
                .tag("team", "ml")
                .param("lr", 0.1)
                .param("eps", 1e-5)
                .param("layers", 3)
                .param("shuffle", true)
                .seed(42)
                .begin()) {
      runId = run.id();
      assertThat(run.serverRunId()).contains(runId);
      assertThat(run.isOffline()).isFalse();
      for (int step = 0; step < 5; step++) {
        run.metric("loss", 1.0 / (step + 1), step);
      }
      run.metrics(Map.of("acc", 0.9, "f1", 0.8), 4);
      run.tag("phase", "done");
    }
    Run run = client.getRun(runId);
    assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.info().endTime()).isNotNull();
    assertThat(run.info().runName()).isEqualTo("baseline");
    assertThat(run.info().userId()).isEqualTo(System.getProperty("user.name"));
    assertThat(client.getExperiment(run.info().experimentId()).name()).isEqualTo("fluent");
    assertThat(tags(run))
        .containsEntry(MlflowTags.USER, System.getProperty("user.name"))
        .containsEntry(MlflowTags.SOURCE_TYPE, "LOCAL")
        .containsEntry(MlflowTags.RUN_NAME, "baseline")
        .containsEntry(MlflowTags.NOTE, "first try")
        .containsEntry(MlflowTags.SEED, "42")
        .containsEntry("team", "ml")
        .containsEntry("phase", "done")
        .containsKey(MlflowTags.SOURCE_NAME)
        .containsKey(MledgerClient.CLIENT_RUN_ID_TAG);
    assertThat(run.data().params())
        .containsExactlyInAnyOrder(
            new Param("lr", "0.1"),
            new Param("eps", "1e-05"),
            new Param("layers", "3"),
            new Param("shuffle", "True"),
            new Param("seed", "42"));
    assertThat(client.getMetricHistory(runId, "loss"))
        .extracting(Metric::value)
        .containsExactly(1.0, 0.5, 1.0 / 3, 0.25, 0.2);
    assertThat(run.data().metrics()).extracting(Metric::key).contains("acc", "f1");
  }

  @Test
  void nestedRunsPointAtTheirParent() {
    String parentId;
    List<String> childIds = new ArrayList<>();
    try (Tracker tracker = tracker(client).build();
        ActiveRun parent = tracker.start("nested").name("cv").begin()) {
      parentId = parent.id();
      for (int fold = 0; fold < 3; fold++) {
        try (ActiveRun child = parent.child("fold-" + fold).param("fold", fold).begin()) {
          child.metric("auc", 0.8 + fold / 100.0);
          childIds.add(child.id());
          try (ActiveRun grandchild = child.child("inner").begin()) {
            assertThat(tags(client.getRun(grandchild.id())))
                .containsEntry(MlflowTags.PARENT_RUN_ID, child.id());
          }
        }
      }
    }
    String experimentId = client.getRun(parentId).info().experimentId();
    for (String childId : childIds) {
      Run child = client.getRun(childId);
      assertThat(child.info().experimentId()).isEqualTo(experimentId);
      assertThat(child.info().status()).isEqualTo(RunStatus.FINISHED);
      assertThat(tags(child)).containsEntry(MlflowTags.PARENT_RUN_ID, parentId);
    }
    assertThat(
            client.searchAllRuns(
                List.of(experimentId),
                "tags.mlflow.parentRunId = '" + parentId + "'",
                ViewType.ACTIVE_ONLY,
                List.of()))
        .hasSize(3);
  }

  @Test
  void lambdaFormEndsFailedOnExceptionAndFinishedOtherwise() {
    try (Tracker tracker = tracker(client).build()) {
      AtomicReference<String> failedId = new AtomicReference<>();
      assertThatThrownBy(
              () ->
                  tracker
                      .start("lambda")
                      .run(
                          run -> {
                            failedId.set(run.id());
                            run.metric("loss", 0.5);
                            throw new IOException("disk on fire");
                          }))
          .isInstanceOf(RunFailedException.class)
          .hasCauseInstanceOf(IOException.class)
          .hasMessageContaining("disk on fire");
      Run failed = client.getRun(failedId.get());
      assertThat(failed.info().status()).isEqualTo(RunStatus.FAILED);
      assertThat(tags(failed).get(MlflowTags.FAILURE))
          .startsWith("java.io.IOException: disk on fire");
      assertThat(failed.data().metrics()).extracting(Metric::key).containsExactly("loss");

      assertThatThrownBy(
              () ->
                  tracker
                      .start("lambda")
                      .run(
                          run -> {
                            failedId.set(run.id());
                            throw new IllegalStateException("bad state");
                          }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(client.getRun(failedId.get()).info().status()).isEqualTo(RunStatus.FAILED);

      String finishedId = tracker.start("lambda").call(run -> run.metric("auc", 0.9).id());
      assertThat(client.getRun(finishedId).info().status()).isEqualTo(RunStatus.FINISHED);
    }
  }

  @Test
  void explicitFailureSticksThroughClose() {
    String runId;
    try (Tracker tracker = tracker(client).build();
        ActiveRun run = tracker.start("explicit-fail").begin()) {
      runId = run.id();
      run.fail(new RuntimeException("diverged"));
      assertThat(run.isEnded()).isTrue();
      assertThatThrownBy(() -> run.metric("late", 1.0))
          .isInstanceOf(MledgerException.class)
          .hasMessageContaining("has ended");
    }
    assertThat(client.getRun(runId).info().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void badInputFailsAtTheCallSite() {
    try (Tracker tracker = tracker(client).build();
        ActiveRun run = tracker.start("validation").begin()) {
      run.param("lr", 0.1);
      run.param("lr", 0.1);
      assertThatThrownBy(() -> run.param("lr", 0.2))
          .isInstanceOf(MledgerException.class)
          .hasMessageContaining("Changing param values is not allowed. Param with key='lr'");
      assertThatThrownBy(() -> run.metric("bad key!", 1.0))
          .isInstanceOf(MledgerException.class)
          .extracting(e -> ((MledgerException) e).code())
          .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
      assertThatThrownBy(() -> run.param("x", null)).hasMessageContaining("has no value");
      assertThatThrownBy(() -> run.end(RunStatus.RUNNING))
          .hasMessageContaining("FINISHED, FAILED or KILLED");
    }
  }

  @Test
  void manyMetricsAreSplitIntoBatchesWithinMlflowLimits() throws Exception {
    try (FlakyProxy proxy = new FlakyProxy(server.uri());
        MledgerClient viaProxy = TestServer.client(proxy.uri());
        Tracker tracker = tracker(viaProxy).linger(Duration.ofSeconds(5)).build();
        ActiveRun run = tracker.start("batching").begin()) {
      for (int step = 0; step < 2500; step++) {
        run.metric("x", step, step);
      }
      run.flush();
      assertThat(proxy.count("runs/log-batch")).isEqualTo(3);
      assertThat(client.getMetricHistory(run.id(), "x")).hasSize(2500);

      for (int i = 0; i < 250; i++) {
        run.param("p" + i, i);
      }
      run.flush();
      assertThat(proxy.count("runs/log-batch")).isEqualTo(3 + 3);
      assertThat(client.getRun(run.id()).data().params()).hasSize(250);
    }
  }

  @Test
  void batchesStayUnderTheRequestSizeLimit() {
    BatchPacker packer = new BatchPacker();
    RunHandle run = new RunHandle("local", null);
    List<LogEntry.Data> entries = new ArrayList<>();
    String big = "v".repeat(7_900);
    for (int i = 0; i < 100; i++) {
      entries.add(new LogEntry.TagEntry(run, new RunTag("t" + i, big)));
      entries.add(new LogEntry.ParamEntry(run, new Param("p" + i, big.substring(0, 5_900))));
    }
    List<Batch> batches = packer.pack(entries);
    assertThat(batches).hasSizeGreaterThan(1);
    assertThat(batches.stream().mapToInt(Batch::size).sum()).isEqualTo(200);
    for (Batch batch : batches) {
      ObjectSize size = ObjectSize.of(batch);
      assertThat(size.bytes()).isLessThanOrEqualTo(BatchLimits.MAX_REQUEST_BYTES);
    }
  }

  /** The JSON size of a batch as the client sends it. */
  private record ObjectSize(int bytes) {
    static ObjectSize of(Batch batch) {
      var body = Wire.object();
      body.put("run_id", "0123456789abcdef0123456789abcdef");
      Wire.putList(body, "metrics", batch.metrics(), Wire::metric);
      Wire.putList(body, "params", batch.params(), p -> Wire.keyValue(p.key(), p.value()));
      Wire.putList(body, "tags", batch.tags(), t -> Wire.keyValue(t.key(), t.value()));
      try {
        return new ObjectSize(HttpTransport.JSON.writeValueAsBytes(body).length);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void fullQueueBlocksTheCallerWithoutLosingData() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (FlakyProxy proxy = new FlakyProxy(server.uri());
        MledgerClient viaProxy = TestServer.client(proxy.uri());
        Tracker tracker = tracker(viaProxy).queueCapacity(10).linger(Duration.ofMillis(1)).build();
        ActiveRun run = tracker.start("backpressure").begin()) {
      proxy.inject(new FlakyProxy.Hold("runs/log-batch", release));
      int count = 3000;
      CountDownLatch producerDone = new CountDownLatch(1);
      Thread producer =
          new Thread(
              () -> {
                for (int step = 0; step < count; step++) {
                  run.metric("m", step, step);
                }
                producerDone.countDown();
              });
      try {
        producer.start();
        // The server holds the first batch: the queue fills up and the producer has to wait.
        assertThat(producerDone.await(500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(producer.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
      } finally {
        release.countDown();
      }
      assertThat(producerDone.await(60, TimeUnit.SECONDS)).isTrue();
      run.flush();
      assertThat(client.getMetricHistory(run.id(), "m"))
          .extracting(Metric::step)
          .containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
    }
  }

  @Test
  void fullQueueFailsAfterTheEnqueueTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (FlakyProxy proxy = new FlakyProxy(server.uri());
        MledgerClient viaProxy = TestServer.client(proxy.uri());
        Tracker tracker =
            tracker(viaProxy)
                .queueCapacity(5)
                .linger(Duration.ofMillis(1))
                .enqueueTimeout(Duration.ofMillis(200))
                .build();
        ActiveRun run = tracker.start("backpressure-timeout").begin()) {
      proxy.inject(new FlakyProxy.Hold("runs/log-batch", release));
      MledgerException error = null;
      int logged = 0;
      try {
        // Up to a full batch waits in the sender besides the 5 queued entries.
        for (int step = 0; step < 5000 && error == null; step++) {
          try {
            run.metric("m", step, step);
            logged++;
          } catch (MledgerException e) {
            error = e;
          }
        }
      } finally {
        release.countDown();
      }
      assertThat(error).isNotNull();
      assertThat(error.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
      assertThat(error.getMessage()).contains("stayed full for 200 ms");
      assertThat(logged).isGreaterThanOrEqualTo(5);
      run.flush();
      assertThat(client.getMetricHistory(run.id(), "m")).hasSize(logged);
    }
  }

  @Test
  void listenersContributeToRunStart() {
    List<String> seen = new ArrayList<>();
    RunStartListener envelope =
        new RunStartListener() {
          @Override
          public void beforeStart(RunStartContext context) {
            seen.add("before:" + context.experimentName() + ":" + context.seed().orElse(-1));
            context.tag("mledger.envelope.jvm", Runtime.version().toString());
            context.param("seed", "999"); // the user's seed wins
            context.param("captured", "yes");
          }

          @Override
          public void afterStart(ActiveRun run) {
            seen.add("after:" + run.id());
          }
        };
    RunStartListener broken =
        new RunStartListener() {
          @Override
          public void beforeStart(RunStartContext context) {
            throw new IllegalStateException("listener bug");
          }
        };
    String runId;
    try (Tracker tracker = tracker(client).listener(broken).listener(envelope).build();
        ActiveRun run = tracker.start("listeners").seed(7).begin()) {
      runId = run.id();
    }
    Run run = client.getRun(runId);
    assertThat(seen).containsExactly("before:listeners:7", "after:" + runId);
    assertThat(tags(run)).containsKey("mledger.envelope.jvm");
    assertThat(run.data().params())
        .containsExactlyInAnyOrder(new Param("seed", "7"), new Param("captured", "yes"));
  }

  @Test
  void defaultTrackingFacadeUsesTheConfiguredTracker() {
    Tracker tracker = tracker(client).build();
    Tracking.use(tracker);
    try {
      String runId = Tracking.call("facade", run -> run.param("k", "v").id());
      assertThat(client.getRun(runId).info().status()).isEqualTo(RunStatus.FINISHED);
      try (ActiveRun run = Tracking.start("facade").name("explicit").begin()) {
        assertThat(run.experimentId()).isPresent();
      }
    } finally {
      tracker.close();
    }
  }
}
