package dev.mledger.server.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.envelope.CodeVersion;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.DependencyLock;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.envelope.Environment;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeApiTest {
  @TempDir static Path dir;
  // One server for the class: every test works on runs of its own.
  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Envelope envelope(long seed, boolean dirty) {
    return new Envelope(
        List.of(new DatasetVersion("train", "5d41402a", "data/train.csv", "training")),
        new CodeVersion("c0ffee00".repeat(5), dirty, "12".repeat(32)),
        new Environment(
            "host-a",
            new Environment.Jvm("Vendor", "17.0.9", "VM"),
            new Environment.Os("Linux", "6.1", "amd64", null),
            new Environment.Cpu("CPU", 2),
            null,
            List.of()),
        seed,
        new DependencyLock("34".repeat(32), 3));
  }

  private String createRun() {
    HttpResponse<String> r =
        server.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"0\"}");
    return RunningServer.json(r).path("run").path("info").path("run_id").asText();
  }

  private HttpResponse<String> put(String runId, String body) {
    return server.request("PUT", "/api/v1/runs/" + runId + "/envelope", body, "application/json");
  }

  @Test
  void putStoresAndGetReturnsTheEnvelope() {
    String runId = createRun();
    Envelope e = envelope(42, true);

    HttpResponse<String> stored = put(runId, e.toCanonicalJson());

    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(stored.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = RunningServer.json(stored);
    assertThat(body.path("run_id").asText()).isEqualTo(runId);
    assertThat(body.path("fingerprint").asText()).isEqualTo(e.fingerprint());
    assertThat(body.path("complete").asBoolean()).isTrue();
    assertThat(body.path("missing")).isEmpty();
    assertThat(body.path("created_time").asLong()).isPositive();
    assertThat(Envelope.fromJson(body.path("envelope").toString())).isEqualTo(e);

    HttpResponse<String> fetched = server.get("/api/v1/runs/" + runId + "/envelope");
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(RunningServer.json(fetched)).isEqualTo(body);
  }

  @Test
  void mlflowClientsSeeTheMirrorTagsAndCanSearchByThem() {
    String dirtyRun = createRun();
    String cleanRun = createRun();
    put(dirtyRun, envelope(1, true).toCanonicalJson());
    put(cleanRun, envelope(1, false).toCanonicalJson());

    JsonNode run =
        RunningServer.json(server.get("/api/2.0/mlflow/runs/get?run_id=" + dirtyRun)).path("run");
    Map<String, String> tags = new HashMap<>();
    run.path("data")
        .path("tags")
        .forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
    assertThat(tags)
        .containsEntry("mledger.envelope.fingerprint", envelope(1, true).fingerprint())
        .containsEntry("mledger.envelope.git_dirty", "true")
        .containsEntry("mledger.envelope.seed", "1")
        .containsEntry("mledger.envelope.host", "host-a")
        .containsEntry("mledger.envelope.datasets", "train@5d41402a (training)");

    JsonNode found =
        RunningServer.json(
            server.post(
                "/api/2.0/mlflow/runs/search",
                "{\"experiment_ids\":[\"0\"],\"filter\":\"tags.`mledger.envelope.git_dirty` = 'true'"
                    + " and tags.`mledger.envelope.fingerprint` = '"
                    + envelope(1, true).fingerprint()
                    + "'\"}"));
    assertThat(found.path("runs")).hasSize(1);
    assertThat(found.path("runs").get(0).path("info").path("run_id").asText()).isEqualTo(dirtyRun);
  }

  @Test
  void resendingIsIdempotentButADifferentEnvelopeConflicts() {
    String runId = createRun();
    String first = put(runId, envelope(7, false).toCanonicalJson()).body();
    // Whitespace and key order do not matter: the server canonicalizes.
    String pretty = envelope(7, false).toCanonicalJson().replace(",", ",\n  ");
    HttpResponse<String> again = put(runId, pretty);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first);

    HttpResponse<String> conflict = put(runId, envelope(8, false).toCanonicalJson());
    assertThat(conflict.statusCode()).isEqualTo(409);
    JsonNode error = RunningServer.json(conflict);
    assertThat(error.path("error_code").asText()).isEqualTo("RESOURCE_CONFLICT");
    assertThat(error.path("message").asText()).contains("write-once");
  }

  @Test
  void badRequestsGetMlflowErrorBodies() {
    String runId = createRun();
    assertError(put(runId, "{\"format\":1,"), 400, "MALFORMED_REQUEST", "Malformed envelope JSON");
    assertError(put(runId, ""), 400, "MALFORMED_REQUEST", "must be an envelope JSON object");
    assertError(
        put(runId, "{\"format\":1,\"sede\":3}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid envelope: envelope.sede: unknown member");
    assertError(
        put(runId, "{\"format\":7}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "unsupported envelope format 7");
    assertError(
        put("0123456789abcdef0123456789abcdef", envelope(1, false).toCanonicalJson()),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        "Run with id=0123456789abcdef0123456789abcdef not found");
    assertError(
        server.get("/api/v1/runs/" + runId + "/envelope"),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        "Run " + runId + " has no envelope");
    assertThat(server.post("/api/v1/runs/" + runId + "/envelope", "{}").statusCode())
        .isEqualTo(405);
  }

  @Test
  void anIncompleteEnvelopeIsStoredAndSaysWhatIsMissing() {
    String runId = createRun();
    JsonNode body = RunningServer.json(put(runId, "{\"format\":1,\"seed\":3}"));
    assertThat(body.path("complete").asBoolean()).isFalse();
    assertThat(body.path("missing").toString())
        .isEqualTo(
            "[\"datasets\",\"code.commit\",\"code.dirty\",\"environment.jvm\","
                + "\"environment.os\",\"dependencies.lock_sha256\"]");
  }

  private static void assertError(
      HttpResponse<String> response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = RunningServer.json(response);
    assertThat(error.path("error_code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).contains(message);
  }
}
