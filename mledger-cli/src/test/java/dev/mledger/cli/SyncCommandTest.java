package dev.mledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.runs.CliRun;
import dev.mledger.cli.runs.TestServer;
import dev.mledger.client.ActiveRun;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.Tracker;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.ViewType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mledger sync} in-process against a real server on a random port. */
class SyncCommandTest {
  private static TestServer server;
  @TempDir Path spool;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private void recordOfflineRuns() {
    try (Tracker tracker =
            Tracker.builder()
                .offline(true)
                .environment(Map.of())
                .discoverListeners(false)
                .spoolDirectory(spool)
                .build();
        ActiveRun parent = tracker.start("sync-cli").name("parent").param("lr", 0.1).begin()) {
      parent.metric("loss", 0.5, 0).metric("loss", 0.25, 1);
      try (ActiveRun child = parent.child("child").begin()) {
        child.metric("auc", 0.9);
      }
    }
  }

  @Test
  void syncsOfflineRunsAndReportsAsJson() {
    recordOfflineRuns();
    JsonNode doc =
        CliRun.of("sync", "--spool", spool.toString(), "--tracking-uri", server.uri(), "--json")
            .json();
    assertThat(doc.get("synced").asInt()).isEqualTo(2);
    assertThat(doc.get("failed").asInt()).isZero();
    assertThat(doc.get("records_applied").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(doc.get("runs")).hasSize(2);
    assertThat(doc.get("runs").get(0).get("outcome").asText()).isEqualTo("SYNCED");

    try (MledgerClient client = server.client()) {
      String experimentId = client.getExperimentByName("sync-cli").orElseThrow().experimentId();
      var runs =
          client.searchAllRuns(List.of(experimentId), null, ViewType.ALL, List.of()).toList();
      assertThat(runs)
          .extracting(r -> r.info().runName())
          .containsExactlyInAnyOrder("parent", "child");
      assertThat(runs).extracting(r -> r.info().status()).containsOnly(RunStatus.FINISHED);
    }

    CliRun again = CliRun.of("sync", "--spool", spool.toString(), "--tracking-uri", server.uri());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).startsWith("Nothing to sync in ");
  }

  @Test
  void printsProgressAndASummary() {
    recordOfflineRuns();
    CliRun run = CliRun.of("sync", "--spool", spool.toString(), "--tracking-uri", server.uri());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("syncing ").contains("  synced  ").contains("Synced 2 run(s)");
  }

  @Test
  void unreachableServerKeepsTheSpoolAndFails() throws Exception {
    recordOfflineRuns();
    int deadPort;
    try (var socket = new java.net.ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    CliRun failed =
        CliRun.of(
            "sync", "--spool", spool.toString(), "--tracking-uri", "http://127.0.0.1:" + deadPort);
    assertThat(failed.exitCode()).isEqualTo(SyncCommand.SOME_RUNS_FAILED);
    assertThat(failed.out()).contains("  failed  ").contains("Cannot reach the tracking server");
    assertThat(failed.err()).startsWith("mledger: 2 run(s) could not be synced");

    JsonNode doc =
        CliRun.of("sync", "--spool", spool.toString(), "--tracking-uri", server.uri(), "--json")
            .json();
    assertThat(doc.get("synced").asInt()).isEqualTo(2);
  }
}
