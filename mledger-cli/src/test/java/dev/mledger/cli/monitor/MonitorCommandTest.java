package dev.mledger.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.Main;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.core.tracking.Metric;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.LocalContentStore;
import dev.mledger.store.dataset.NewDatasetVersion;
import dev.mledger.store.dataset.Snapshotter;
import dev.mledger.store.registry.NewModelVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The monitor commands against a real server on SQLite. */
class MonitorCommandTest {
  @TempDir Path dir;
  private Stores stores;
  private LocalContentStore blobs;
  private MledgerServer server;
  private String uri;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void start() {
    stores =
        Stores.open(
            "sqlite:///" + dir.resolve("mledger.db"), dir.resolve("artifacts").toUri().toString());
    blobs = new LocalContentStore(dir.resolve("datasets/blobs"));
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, stores, dir.toUri().toString(), "test", null, blobs));
    uri = "http://127.0.0.1:" + server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
    stores.close();
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--tracking-uri";
    all[args.length + 1] = uri;
    return cli.execute(all);
  }

  private static String event(double x) {
    return "{\"features\":{\"x\":" + x + "}}";
  }

  @Test
  void createSendReportAlertAndAcknowledge() throws Exception {
    StringBuilder reference = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 500; i++) {
      reference.append(i == 0 ? "" : ",").append(event(r.nextGaussian()));
    }
    Path monitor = dir.resolve("monitor.json");
    Files.writeString(
        monitor,
        "{\"name\":\"m\",\"model\":\"churn\",\"reference\":\"run:abc\","
            + "\"features\":[{\"name\":\"x\",\"type\":\"numeric\"}],\"window\":{\"count\":100},"
            + "\"alert_policy\":{\"rules\":[{\"statistic\":\"p_value\",\"threshold\":0.01,\"severity\":\"critical\"}]},"
            + "\"reference_rows\":["
            + reference
            + "]}");
    assertThat(run("monitor", "create", monitor.toString())).as(err.toString()).isZero();
    String id = out.toString().strip();

    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      events.append(event(3 + r.nextGaussian())).append('\n');
    }
    events.append("{\"features\":{}}\n");
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, events);
    assertThat(run("monitor", "events", id, file.toString(), "--wait"))
        .isEqualTo(MonitorCommand.PARTIAL);
    assertThat(out.toString())
        .contains("accepted 100, rejected 1; reported through event 100")
        .contains("row 100: feature 'x' is missing");

    assertThat(run("monitor", "report", id)).isZero();
    assertThat(out.toString()).contains("100 rows, 1 drifted feature(s)").contains("DRIFT");

    assertThat(run("monitor", "alerts", id, "--json")).isZero();
    JsonNode alerts = new ObjectMapper().readTree(out.toString());
    assertThat(alerts).hasSize(1);
    String alertId = alerts.get(0).get("id").asText();
    assertThat(run("monitor", "alerts", id, "--ack", alertId, "--user", "ana", "--comment", "seen"))
        .isZero();
    assertThat(out.toString()).contains("acknowledged " + alertId + " by ana");
    assertThat(run("monitor", "alerts", id, "--unacknowledged")).isZero();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void tuneReadsCsvHistory() throws Exception {
    Path history = dir.resolve("history.csv");
    Files.writeString(history, "value,incident\n0.05,false\n0.3,true\n0.25,0\n0.4,1\n");
    assertThat(run("monitor", "tune", "--statistic", "psi", history.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("recommended threshold: 0.3");
    Files.writeString(history, "value,incident\n0.05,maybe\n");
    assertThat(run("monitor", "tune", "--statistic", "psi", history.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("history.csv:2: incident must be true/false or 1/0");
  }

  @Test
  void unknownMonitorIsExitCodeOne() {
    assertThat(run("monitor", "report", "nope")).isEqualTo(1);
    assertThat(err.toString()).contains("Monitor with id=nope not found");
  }

  @Test
  void retrainApproveAndShow() throws Exception {
    String experiment = stores.tracking().createExperiment("churn", null, List.of());
    String runId =
        stores
            .tracking()
            .createRun(new NewRun(experiment, "alice", 1, "r", List.of()))
            .info()
            .runId();
    stores.tracking().logBatch(runId, List.of(new Metric("r2", 0.9, 1, 0)), List.of(), List.of());
    stores.registry().createRegisteredModel("churn", List.of(), "");
    stores
        .registry()
        .createModelVersion(
            new NewModelVersion("churn", dir.toUri().toString(), runId, List.of(), null, "", "a"));
    StringBuilder reference = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 300; i++) {
      reference.append(i == 0 ? "" : ",").append(event(r.nextGaussian()));
    }
    Path monitor = dir.resolve("monitor.json");
    Files.writeString(
        monitor,
        "{\"name\":\"m\",\"model\":\"churn\",\"version\":\"1\",\"reference\":\"run:abc\","
            + "\"features\":[{\"name\":\"x\",\"type\":\"numeric\"}],\"window\":{\"count\":100},"
            + "\"alert_policy\":{\"rules\":[{\"statistic\":\"p_value\",\"threshold\":0.01,\"severity\":\"critical\"}]},"
            + "\"reference_rows\":["
            + reference
            + "]}");
    assertThat(run("monitor", "create", monitor.toString())).as(err.toString()).isZero();
    String id = out.toString().strip();
    String policy =
        "{\"approval\":\"required\",\"min_severity\":\"critical\",\"command\":[\"sh\",\"-c\","
            + "\"echo mledger.run_id="
            + runId
            + "; echo mledger.model_version=churn/1\"],"
            + "\"gate\":{\"name\":\"g\",\"rules\":[{\"type\":\"metric_threshold\",\"metric\":\"r2\","
            + "\"direction\":\"higher\",\"threshold\":0.5}]}}";
    java.net.http.HttpResponse<String> set =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(uri + "/api/v1/monitors/" + id + "/retrain-policy"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(policy))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    StringBuilder events = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      events.append(i == 0 ? "" : ",").append(event(3 + r.nextGaussian()));
    }
    Path file = dir.resolve("events.json");
    Files.writeString(file, events + "]");
    assertThat(run("monitor", "events", id, file.toString(), "--wait")).isZero();

    String attempt = null;
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (attempt == null && System.nanoTime() < deadline) {
      for (var step : stores.monitors().steps(id)) {
        if (step.step().equals("awaiting_approval")) {
          attempt = step.attemptId();
        }
      }
      Thread.sleep(100);
    }
    assertThat(attempt).as("an attempt awaiting approval").isNotNull();
    assertThat(run("monitor", "retrain", "show", attempt)).isZero();
    assertThat(out.toString()).contains(": awaiting_approval");
    assertThat(
            run(
                "monitor",
                "retrain",
                "approve",
                attempt,
                "--user",
                "ana",
                "--comment",
                "looks good"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains(": promoted").contains("approved");
    assertThat(stores.registry().getModelVersionByAlias("churn", "champion").version())
        .isEqualTo("1");
    assertThat(run("monitor", "retrain", "reject", attempt, "--json")).isNotZero();
    assertThat(err.toString()).contains("is not awaiting approval");
    assertThat(run("monitor", "retrain", "approve", "nope")).isEqualTo(1);
  }

  @Test
  void createWithAReferenceDatasetProfiledByTheServer() throws Exception {
    Path table = dir.resolve("src/customers.csv");
    Files.createDirectories(table.getParent());
    StringBuilder csv = new StringBuilder("x,plan\n");
    Random r = new Random(4);
    for (int i = 0; i < 300; i++) {
      csv.append(r.nextGaussian()).append(',').append(i % 3 == 0 ? "pro" : "free").append('\n');
    }
    Files.writeString(table, csv);
    var snapshot = new Snapshotter(blobs, 1).snapshot(table, n -> {});
    stores
        .datasets()
        .add(
            new NewDatasetVersion(
                "customers",
                SemanticVersion.parse("1.0.0"),
                VersionBump.MINOR,
                snapshot.kind(),
                snapshot.path(),
                snapshot.manifest(),
                new Provenance(null, null, null, null, null, "t"),
                List.of(),
                null),
            "t");
    Path monitor = dir.resolve("monitor.json");
    Files.writeString(
        monitor,
        "{\"name\":\"m\",\"model\":\"churn\",\"reference\":\"dataset:old@0.1.0\","
            + "\"features\":[{\"name\":\"x\",\"type\":\"numeric\"},{\"name\":\"plan\",\"type\":\"categorical\"}],"
            + "\"window\":{\"count\":100}}");
    assertThat(
            run(
                "monitor",
                "create",
                monitor.toString(),
                "--reference-dataset",
                "customers@1.0.0",
                "--json"))
        .as(err.toString())
        .isZero();
    JsonNode created = new ObjectMapper().readTree(out.toString());
    assertThat(created.get("reference").asText()).isEqualTo("dataset:customers@1.0.0");
    assertThat(created.get("reference_source").get("dataset").asText())
        .isEqualTo("customers@1.0.0");

    Files.writeString(monitor, Files.readString(monitor).replace("\"m\"", "\"m2\""));
    assertThat(
            run(
                "monitor",
                "create",
                monitor.toString(),
                "--reference-dataset",
                "customers@1.0.0",
                "--reference-file",
                "other.csv"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mledger: Dataset customers@1.0.0 has no file 'other.csv'");
    assertThat(run("monitor", "create", monitor.toString(), "--reference-run", "r1")).isEqualTo(2);
    assertThat(err.toString()).contains("--reference-run and --reference-artifact go together");
  }
}
