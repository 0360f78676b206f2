package dev.mledger.cli.repro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.runs.CliRun;
import dev.mledger.cli.runs.TestServer;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.envelope.EnvelopeApiClient;
import dev.mledger.core.envelope.ArtifactReference;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.envelope.CodeVersion;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.DependencyLock;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.envelope.Environment;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.InputTag;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.ArtifactStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mledger repro check} in-process against a real server. */
class ReproCommandTest {
  @TempDir static Path repo;
  private static TestServer server;
  private static String commit;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    server = TestServer.start();
    git("init", "-q");
    Files.writeString(repo.resolve("train.py"), "print(1)\n");
    git("add", "train.py");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
    commit = new String(gitOutput("rev-parse", "HEAD")).strip();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void git(String... args) throws IOException, InterruptedException {
    gitOutput(args);
  }

  static byte[] gitOutput(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(repo.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }

  static Envelope envelope(String commit, Long seed, List<ArtifactReference> artifacts) {
    return new Envelope(
        List.of(new DatasetVersion("train", "5d41402a", "data/train.csv", "training")),
        new CodeVersion(
            commit, false, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        new Environment(
            "host-a",
            new Environment.Jvm("V", "17", "VM"),
            new Environment.Os("Linux", "6", "amd64", null),
            new Environment.Cpu("CPU", 2),
            null,
            List.of()),
        seed,
        new DependencyLock("34".repeat(32), 3),
        artifacts,
        Map.of());
  }

  /** A run with the train dataset logged and {@code envelope} stored (if not null). */
  static String run(Envelope envelope) {
    return run(server.uri(), envelope);
  }

  static String run(String uri, Envelope envelope) {
    try (MledgerClient client = MledgerClient.builder().trackingUri(uri).build()) {
      String runId = client.createRun("0", "r", List.of()).info().runId();
      client.logInputs(
          runId,
          List.of(
              new DatasetInput(
                  List.of(new InputTag("mlflow.data.context", "training")),
                  new Dataset("train", "5d41402a", "local", "data/train.csv", null, null))));
      if (envelope != null) {
        new EnvelopeApiClient(URI.create(uri), Map.of()).put(runId, envelope);
      }
      return runId;
    }
  }

  private static CliRun check(String runId, Path repository) {
    return check(server.uri(), runId, repository);
  }

  private static CliRun check(String uri, String runId, Path repository) {
    return CliRun.of(
        "repro", "check", runId, "--tracking-uri", uri, "--repo", repository.toString(), "--json");
  }

  private static Map<String, String> statuses(CliRun result) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(result.out());
    Map<String, String> statuses = new HashMap<>();
    doc.path("items")
        .forEach(i -> statuses.put(i.path("item").asText(), i.path("status").asText()));
    return statuses;
  }

  @Test
  void aCompleteEnvelopeWhoseReferencesResolveIsReproducible() throws IOException {
    String runId = run(envelope(commit, 42L, List.of()));
    CliRun result = check(runId, repo);
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    JsonNode doc = result.json();
    assertThat(doc.path("reproducible").asBoolean()).isTrue();
    assertThat(doc.path("verdict").asText()).isEqualTo("reproducible");
    assertThat(doc.path("fingerprint").asText())
        .isEqualTo(envelope(commit, 42L, List.of()).fingerprint());
    assertThat(statuses(result))
        .containsEntry("envelope", "ok")
        .containsEntry("envelope.fingerprint", "ok")
        .containsEntry("tags.mledger.envelope.fingerprint", "ok")
        .containsEntry("envelope.complete", "ok")
        .containsEntry("dataset:train@5d41402a", "ok")
        .containsEntry("code.commit", "ok");
  }

  @Test
  void textOutputListsEveryItemAndTheVerdict() {
    String runId = run(envelope(commit, 42L, List.of()));
    CliRun result =
        CliRun.of(
            "repro", "check", runId, "--tracking-uri", server.uri(), "--repo", repo.toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("ok", "envelope.fingerprint", "dataset:train@5d41402a")
        .contains("run " + runId + ": reproducible");
  }

  @Test
  void aRunWithoutEnvelopeIsNotReproducible() throws IOException {
    String runId = run(null);
    CliRun result = check(runId, repo);
    assertThat(result.exitCode()).isEqualTo(ReproCommand.NOT_REPRODUCIBLE);
    assertThat(statuses(result)).containsEntry("envelope", "missing");
  }

  @Test
  void missingComponentsAndUnknownCommitsFailTheCheck() throws IOException {
    String runId = run(envelope("0".repeat(40), null, List.of()));
    CliRun result = check(runId, repo);
    assertThat(result.exitCode()).isEqualTo(ReproCommand.NOT_REPRODUCIBLE);
    assertThat(statuses(result))
        .containsEntry("envelope.complete", "missing")
        .containsEntry("code.commit", "missing");
    assertThat(result.out()).contains("not captured: seed");
  }

  @Test
  void anEditedMirrorTagIsAMismatch() throws IOException {
    String runId = run(envelope(commit, 1L, List.of()));
    try (MledgerClient client = server.client()) {
      client.setTag(runId, "mledger.envelope.fingerprint", "edited");
    }
    CliRun result = check(runId, repo);
    assertThat(result.exitCode()).isEqualTo(ReproCommand.NOT_REPRODUCIBLE);
    assertThat(statuses(result)).containsEntry("tags.mledger.envelope.fingerprint", "mismatch");
  }

  @Test
  void aDatasetLoggedButNotPinnedIsAMismatch() throws IOException {
    String runId = run(envelope(commit, 1L, List.of()));
    try (MledgerClient client = server.client()) {
      client.logInputs(
          runId,
          List.of(
              new DatasetInput(
                  List.of(), new Dataset("extra", "ffff0000", "local", "x.csv", null, null))));
    }
    CliRun result = check(runId, repo);
    assertThat(result.exitCode()).isEqualTo(ReproCommand.NOT_REPRODUCIBLE);
    assertThat(statuses(result)).containsEntry("dataset:extra@ffff0000", "mismatch");
  }

  @Test
  void outsideAGitRepositoryTheCommitIsUnverifiable(@TempDir Path elsewhere) throws IOException {
    String runId = run(envelope(commit, 1L, List.of()));
    CliRun result = check(runId, elsewhere);
    assertThat(result.exitCode()).isEqualTo(ReproCommand.UNVERIFIED);
    assertThat(statuses(result)).containsEntry("code.commit", "unverifiable");
    assertThat(new ObjectMapper().readTree(result.out()).path("verdict").asText())
        .isEqualTo("unverified");
  }

  @Test
  void artifactsTheServerCannotServeAreUnverifiable() throws IOException {
    String runId =
        run(
            envelope(
                commit,
                1L,
                List.of(
                    new ArtifactReference("s3://bucket/vocab.txt", "ab".repeat(32)),
                    new ArtifactReference(
                        "mlflow-artifacts:/nowhere/vocab.txt", "cd".repeat(32)))));
    CliRun result = check(runId, repo);
    assertThat(result.exitCode()).isNotZero();
    Map<String, String> statuses = statuses(result);
    assertThat(statuses).containsEntry("artifact:s3://bucket/vocab.txt", "unverifiable");
    // This server was started without an artifact store: its proxy answers 503.
    assertThat(statuses)
        .containsEntry("artifact:mlflow-artifacts:/nowhere/vocab.txt", "unverifiable");
  }

  @Test
  void inputArtifactsAreReHashedThroughTheArtifactProxy(@TempDir Path data) throws Exception {
    String root = data.resolve("artifacts").toUri().toString();
    try (Stores stores = Stores.open("sqlite:///" + data.resolve("mledger.db"), root);
        MledgerServer withArtifacts =
            new MledgerServer(
                new ServerConfig(
                    "127.0.0.1",
                    0,
                    stores,
                    root,
                    "test",
                    ArtifactStores.open(data.resolve("store").toString(), Map.of())))) {
      String uri = "http://127.0.0.1:" + withArtifacts.start();
      byte[] vocab = "the\nquick\nfox\n".getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> upload =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(uri + "/api/2.0/mlflow-artifacts/artifacts/shared/vocab.txt"))
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(vocab))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
      String sha = CanonicalJson.sha256Hex(vocab);
      String runId =
          run(
              uri,
              envelope(
                  commit,
                  1L,
                  List.of(
                      new ArtifactReference("mlflow-artifacts:/shared/vocab.txt", sha),
                      new ArtifactReference(
                          "mlflow-artifacts://host:5000/shared/vocab.txt", "0".repeat(64)),
                      new ArtifactReference("mlflow-artifacts:/shared/gone.txt", sha))));
      CliRun result = check(uri, runId, repo);
      assertThat(result.exitCode()).isEqualTo(ReproCommand.NOT_REPRODUCIBLE);
      assertThat(statuses(result))
          .containsEntry("artifact:mlflow-artifacts:/shared/vocab.txt", "ok")
          .containsEntry("artifact:mlflow-artifacts://host:5000/shared/vocab.txt", "mismatch")
          .containsEntry("artifact:mlflow-artifacts:/shared/gone.txt", "missing");
    }
  }

  @Test
  void aDirtyRunIsVerifiedAgainstTheLocalUncommittedChanges() throws Exception {
    Files.writeString(repo.resolve("train.py"), "print(2)\n");
    try {
      String diff = dev.mledger.client.envelope.GitProbe.capture(repo).code().diffSha256();
      Envelope clean = envelope(commit, 1L, List.of());
      Envelope dirty =
          new Envelope(
              clean.datasets(),
              new CodeVersion(commit, true, diff),
              clean.environment(),
              clean.seed(),
              clean.dependencies());
      CliRun same = check(run(dirty), repo);
      assertThat(same.exitCode()).as(same.out()).isZero();
      assertThat(statuses(same)).containsEntry("code.diff", "ok");

      Files.writeString(repo.resolve("train.py"), "print(3)\n");
      CliRun changed = check(run(dirty), repo);
      assertThat(changed.exitCode()).isEqualTo(ReproCommand.UNVERIFIED);
      assertThat(statuses(changed)).containsEntry("code.diff", "unverifiable");
    } finally {
      git("checkout", "--", "train.py");
    }
  }

  @Test
  void anUnknownRunIsReportedAsNotFound() {
    CliRun.of("repro", "check", "0".repeat(32), "--tracking-uri", server.uri())
        .failsWith(1, "not found");
  }
}
