package dev.mledger.client.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.client.ActiveRun;
import dev.mledger.client.Tracker;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCaptureListenerTest {
  @TempDir static Path dir;
  private static Stores stores;
  private static MledgerServer server;
  private static URI uri;

  @BeforeAll
  static void start() {
    String root = dir.resolve("artifacts").toUri().toString();
    stores = Stores.open("sqlite:///" + dir.resolve("mledger.db"), root);
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, stores, root, "test"), Duration.ofSeconds(5));
    uri = URI.create("http://127.0.0.1:" + server.start());
  }

  @AfterAll
  static void stop() {
    server.stop();
    stores.close();
  }

  private static Tracker tracker(EnvelopeCaptureListener listener) {
    return Tracker.builder()
        .trackingUri(uri.toString())
        .discoverListeners(false)
        .listener(listener)
        .build();
  }

  @Test
  void storesACompleteEnvelopeWithTheLoggedDatasetsWhenTheRunEnds(@TempDir Path repo)
      throws IOException {
    String commit = GitProbeTest.initRepository(repo);
    String runId;
    try (Tracker tracker = tracker(new EnvelopeCaptureListener(repo, Map.of()))) {
      try (ActiveRun run = tracker.start("envelopes").name("train").seed(42).begin()) {
        runId = run.serverRunId().orElseThrow();
        run.inputs(
            List.of(
                new DatasetInput(
                    List.of(new InputTag("mlflow.data.context", "training")),
                    new Dataset("train", "5d41402a", "local", "data/train.csv", null, null))));
        run.metric("rmse", 0.5);
      }
    }
    EnvelopeApiClient.StoredEnvelope stored =
        new EnvelopeApiClient(uri, Map.of()).get(runId).orElseThrow();
    Envelope envelope = Envelope.fromJson(stored.envelopeJson());
    assertThat(stored.fingerprint()).isEqualTo(envelope.fingerprint());
    assertThat(envelope.seed()).isEqualTo(42L);
    assertThat(envelope.code().commit()).isEqualTo(commit);
    assertThat(envelope.code().dirty()).isFalse();
    assertThat(envelope.datasets())
        .containsExactly(new DatasetVersion("train", "5d41402a", "data/train.csv", "training"));
    assertThat(envelope.environment().jvm().version())
        .isEqualTo(System.getProperty("java.runtime.version"));
    assertThat(envelope.dependencies().jars()).isPositive();
    assertThat(stored.missing()).isEmpty();
    assertThat(stored.complete()).isTrue();

    Map<String, String> tags =
        stores.tracking().getRun(runId).data().tags().stream()
            .collect(Collectors.toMap(RunTag::key, RunTag::value));
    assertThat(tags)
        .containsEntry("mledger.envelope.fingerprint", envelope.fingerprint())
        .containsEntry("mledger.envelope.git_commit", commit)
        .containsEntry("mledger.envelope.seed", "42");
  }

  @Test
  void outsideGitAndWithoutSeedTheEnvelopeIsStoredIncompleteWithReasons(@TempDir Path plain) {
    String runId;
    try (Tracker tracker = tracker(new EnvelopeCaptureListener(plain, Map.of()))) {
      try (ActiveRun run = tracker.start("envelopes").begin()) {
        runId = run.serverRunId().orElseThrow();
      }
    }
    EnvelopeApiClient.StoredEnvelope stored =
        new EnvelopeApiClient(uri, Map.of()).get(runId).orElseThrow();
    assertThat(stored.complete()).isFalse();
    assertThat(stored.missing()).contains("datasets", "code.commit", "seed");
    assertThat(Envelope.fromJson(stored.envelopeJson()).captureErrors()).containsKey("code");
  }

  @Test
  void canBeSwitchedOff(@TempDir Path plain) {
    String runId;
    try (Tracker tracker =
        tracker(new EnvelopeCaptureListener(plain, Map.of("MLEDGER_ENVELOPE", "off")))) {
      try (ActiveRun run = tracker.start("envelopes").begin()) {
        runId = run.serverRunId().orElseThrow();
      }
    }
    assertThat(new EnvelopeApiClient(uri, Map.of()).get(runId)).isEmpty();
  }

  @Test
  void isDiscoveredByServiceLoader() {
    assertThat(ServiceLoader.load(dev.mledger.client.RunStartListener.class).stream())
        .anyMatch(p -> p.type() == EnvelopeCaptureListener.class);
  }
}
