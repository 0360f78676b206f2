package dev.mledger.cli.repro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.runs.CliRun;
import dev.mledger.cli.runs.TestServer;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.envelope.EnvelopeApiClient;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mledger replay} with a tiny Python training script that logs over the REST API. */
class ReplayCommandTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static Path script;

  /**
   * "Trains" with the seed and learning rate it is given and logs rmse = seed * lr and epochs = 10;
   * an optional argument overrides rmse, to simulate a run that does not reproduce.
   */
  private static final String SCRIPT =
      """
      import json, os, sys, time, urllib.request
      uri = os.environ["MLEDGER_TRACKING_URI"]
      run_id = os.environ["MLEDGER_RUN_ID"]
      assert os.environ["MLFLOW_RUN_ID"] == run_id
      assert os.environ["MLEDGER_PARENT_RUN_ID"]
      seed = int(os.environ["MLEDGER_SEED"])
      lr = float(os.environ["MLEDGER_PARAM_lr"])
      with open(os.environ["MLEDGER_PARAMS_FILE"]) as f:
          params = json.load(f)
      assert params == {"lr": "0.1", "model.kind": "ridge"}, params
      assert os.environ["MLEDGER_PARAM_model_kind"] == "ridge"
      rmse = float(sys.argv[1]) if len(sys.argv) > 1 else seed * lr
      now = int(time.time() * 1000)
      body = {"run_id": run_id, "metrics": [
          {"key": "rmse", "value": rmse, "timestamp": now, "step": 0},
          {"key": "epochs", "value": 10, "timestamp": now, "step": 0}]}
      request = urllib.request.Request(uri + "/api/2.0/mlflow/runs/log-batch",
          data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
      urllib.request.urlopen(request).read()
      print("trained with seed", seed)
      """;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start();
    script = dir.resolve("train.py");
    Files.writeString(script, SCRIPT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The original run: seed 7, lr 0.1, rmse 7 * 0.1, epochs 10, with an envelope. */
  private static String original() {
    try (MledgerClient client = server.client()) {
      String runId = client.createRun("0", "train", List.of()).info().runId();
      client.logBatch(
          runId,
          List.of(new Metric("rmse", 7 * 0.1, 1, 0), new Metric("epochs", 10, 1, 0)),
          List.of(new Param("lr", "0.1"), new Param("model.kind", "ridge")),
          List.of());
      new EnvelopeApiClient(URI.create(server.uri()), Map.of())
          .put(runId, ReproCommandTest.envelope("ab".repeat(20), 7L, List.of()));
      client.endRun(runId, RunStatus.FINISHED);
      return runId;
    }
  }

  private static CliRun replay(String runId, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("replay", runId, "--tracking-uri", server.uri(), "--json"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static Map<String, String> tags(Run run) {
    return run.data().tags().stream().collect(Collectors.toMap(RunTag::key, RunTag::value));
  }

  @Test
  void aFaithfulReplayIsRecordedAsANestedRunAndReproduces() {
    String runId = original();
    CliRun result = replay(runId, "--", "python3", script.toString());
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    JsonNode doc = result.json();
    assertThat(doc.path("reproduced").asBoolean()).isTrue();
    assertThat(doc.path("seed").asLong()).isEqualTo(7);
    assertThat(doc.path("metrics").toString())
        .contains("\"key\":\"epochs\",\"outcome\":\"match\"")
        .contains("\"key\":\"rmse\",\"outcome\":\"match\"");
    // The envelope was captured on "host-a"; this machine is another host.
    assertThat(doc.path("note").asText()).contains("hardware nondeterminism possible");

    try (MledgerClient client = server.client()) {
      Run child = client.getRun(doc.path("replay_run_id").asText());
      assertThat(tags(child))
          .containsEntry("mlflow.parentRunId", runId)
          .containsEntry("mledger.replay.of", runId)
          .containsEntry("mledger.replay.outcome", "reproduced");
      assertThat(child.data().params())
          .containsExactlyInAnyOrder(new Param("lr", "0.1"), new Param("model.kind", "ridge"));
      assertThat(child.info().status()).isEqualTo(RunStatus.FINISHED);
    }
  }

  @Test
  void aDifferentMetricFailsUnlessWithinTheDeclaredTolerance() throws IOException {
    String runId = original();
    CliRun differs = replay(runId, "--", "python3", script.toString(), "0.75");
    assertThat(differs.exitCode()).isEqualTo(ReproCommand.NOT_REPRODUCIBLE);
    JsonNode doc = new ObjectMapper().readTree(differs.out());
    assertThat(doc.path("reproduced").asBoolean()).isFalse();
    assertThat(doc.path("metrics").toString())
        .contains("\"key\":\"rmse\",\"outcome\":\"mismatch\"");

    CliRun tolerated =
        replay(runId, "--tolerance", "rmse=abs:0.1", "--", "python3", script.toString(), "0.75");
    assertThat(tolerated.exitCode()).as(tolerated.err()).isZero();
    assertThat(tolerated.json().path("metrics").toString()).contains("\"tolerance\":\"abs:0.1\"");
  }

  @Test
  void aFailingCommandPropagatesItsExitCodeAndFailsTheReplayRun() {
    String runId = original();
    CliRun result = replay(runId, "--", "sh", "-c", "exit 3");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("the replayed command exited with 3");
  }

  @Test
  void usageErrorsAreOneLine() {
    String runId = original();
    replay(runId).failsWith(2, "give the command to replay after --");
    replay(runId, "--tolerance", "rmse", "--", "true")
        .failsWith(2, "--tolerance must be METRIC=SPEC");
    replay(runId, "--tolerance", "rmse=abs:-1", "--", "true").failsWith(2, ">= 0");
    replay("0".repeat(32), "--", "true").failsWith(1, "not found");
  }
}
