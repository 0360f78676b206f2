package dev.mledger.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.dataset.NewDatasetVersion;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/lineage/changes}: what moved on upstream of a model version. */
class UpstreamChangesApiTest {
  @TempDir Path dir;
  private RunningServer server;

  @BeforeEach
  void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningServer.json(response);
  }

  private void dataset(Stores stores, String hash) {
    stores
        .datasets()
        .add(
            new NewDatasetVersion(
                "train",
                null,
                VersionBump.MINOR,
                DatasetKind.FILE,
                "train.csv",
                List.of(new ManifestEntry("train.csv", 3, hash)),
                new Provenance(null, null, null, List.of(), null, "alice"),
                List.of(),
                null),
            "alice");
  }

  private String run(Stores stores, long start, String commit) {
    String runId =
        stores
            .tracking()
            .createRun(new NewRun("0", "alice", start, "r" + start, List.of()))
            .info()
            .runId();
    stores.tracking().setTag(runId, new RunTag("mledger.envelope.git_commit", commit));
    return runId;
  }

  @Test
  void newerDatasetAndCodeVersionsAreReportedForAModel() {
    Stores stores = server.stores();
    dataset(stores, "a".repeat(64));
    String trained = run(stores, 1_000, "c0ffee");
    String data = "dataset:mledger:%2F%2Fdatasets/train/versions/1.0.0@" + "a".repeat(32);
    created(
        server.post(
            "/api/v1/lineage/edges",
            "{\"from\": \""
                + data
                + "\", \"to\": \"run:"
                + trained
                + "\", \"relation\": \"input\"}"));
    created(
        server.post(
            "/api/v1/lineage/edges",
            "{\"from\": \"run:"
                + trained
                + "\", \"to\": \"model:churn/1\", \"relation\": \"trained\"}"));

    JsonNode none = ok(server.get("/api/v1/lineage/changes?nodeId=model:churn/1"));
    assertThat(none.path("changes")).isEmpty();
    assertThat(none.path("complete").asBoolean()).isTrue();

    dataset(stores, "b".repeat(64));
    run(stores, 5_000, "feedbeef");

    JsonNode changes = ok(server.get("/api/v1/lineage/changes?nodeId=model:churn/1"));
    assertThat(changes.path("model").asText()).isEqualTo("model:churn/1");
    assertThat(changes.path("changes")).hasSize(2);
    JsonNode data2 = changes.path("changes").get(0);
    assertThat(data2.path("kind").asText()).isEqualTo("dataset_version");
    assertThat(data2.path("used").asText()).isEqualTo(data);
    assertThat(data2.path("newer_version").asText()).isEqualTo("1.1.0");
    JsonNode code = changes.path("changes").get(1);
    assertThat(code.path("kind").asText()).isEqualTo("code_version");
    assertThat(code.path("used").asText()).isEqualTo("code:c0ffee");
    assertThat(code.path("newer").asText()).isEqualTo("code:feedbeef");

    HttpResponse<String> notAModel = server.get("/api/v1/lineage/changes?nodeId=run:" + trained);
    assertThat(notAModel.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(notAModel).path("error_code").asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
  }
}
