package dev.mledger.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry mutations through the HTTP APIs land in the audit trail, reads and failures do not. */
class AuditTrailTest {
  @TempDir Path dir;
  RunningServer server;

  @BeforeEach
  void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> mlflow(String method, String path, String body, String user) {
    return server.request(method, "/api/2.0/mlflow/" + path, body, "application/json");
  }

  @Test
  void registryMutationsAreChainedAndVerifiable() {
    String runId =
        server
            .store()
            .createRun(new dev.mledger.store.NewRun("0", "u", 1L, "r", java.util.List.of()))
            .info()
            .runId();
    assertThat(
            mlflow("POST", "registered-models/create", "{\"name\": \"churn\"}", null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> version =
        server.request(
            "POST",
            "/api/2.0/mlflow/model-versions/create",
            "{\"name\": \"churn\", \"source\": \"runs:/"
                + runId
                + "/model\", \"run_id\": \""
                + runId
                + "\"}",
            "application/json");
    assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
    // A read and a failed mutation are not audited.
    server.get("/api/2.0/mlflow/registered-models/get?name=churn");
    assertThat(
            mlflow("POST", "registered-models/create", "{\"name\": \"churn\"}", null).statusCode())
        .isEqualTo(400);

    JsonNode page = entriesAtLeast("/api/v1/audit?limit=10", 2);
    JsonNode entries = page.get("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.at("/0/action").asText())
        .isEqualTo("POST /api/2.0/mlflow/registered-models/create");
    assertThat(entries.at("/0/subjectType").asText()).isEqualTo("registered_model");
    assertThat(entries.at("/0/subjectId").asText()).isEqualTo("churn");
    assertThat(entries.at("/0/actor").asText()).isEqualTo("anonymous");
    assertThat(entries.at("/1/subjectType").asText()).isEqualTo("registered_model");
    assertThat(entries.at("/1/details/request/run_id").asText()).isEqualTo(runId);
    assertThat(entries.at("/1/previousHash").asText()).isEqualTo(entries.at("/0/hash").asText());
    assertThat(page.get("next_after").isNull()).isTrue();

    JsonNode verify = RunningServer.json(server.get("/api/v1/audit/verify"));
    assertThat(verify.get("intact").asBoolean()).isTrue();
    assertThat(verify.get("entries").asLong()).isEqualTo(2);

    // The model version is now in the lineage graph, linked to its run.
    JsonNode closure =
        RunningServer.json(server.get("/api/v1/lineage/closure?nodeId=model:churn/1"));
    assertThat(closure.get("runs").get(0).asText()).isEqualTo("run:" + runId);
    assertThat(closure.get("artifacts").get(0).asText())
        .isEqualTo("artifact:runs:/" + runId + "/model");
  }

  @Test
  void theActorComesFromTheUserHeader() {
    server.request(
        "POST",
        "/api/2.0/mlflow/registered-models/create",
        "{\"name\": \"m\"}",
        "application/json");
    HttpResponse<String> r =
        sendWithUser(
            "/api/2.0/mlflow/registered-models/set-tag",
            "{\"name\": \"m\", \"key\": \"team\", \"value\": \"risk\"}",
            "carol");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode entries = entriesAtLeast("/api/v1/audit?after=1", 1).get("entries");
    assertThat(entries).hasSize(1);
    assertThat(entries.at("/0/actor").asText()).isEqualTo("carol");
    assertThat(entries.at("/0/sequence").asLong()).isEqualTo(2);
  }

  @Test
  void anOversizedActorIsClippedNotARequestFailure() {
    HttpResponse<String> r =
        sendWithUser(
            "/api/2.0/mlflow/registered-models/create", "{\"name\": \"m\"}", "x".repeat(600));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode entries = entriesAtLeast("/api/v1/audit?limit=10", 1).get("entries");
    assertThat(entries.at("/0/actor").asText()).isEqualTo("x".repeat(512));
  }

  /** The entries are written with the mutations, so they are there when the response is. */
  private JsonNode entriesAtLeast(String path, int expected) {
    JsonNode page = RunningServer.json(server.get(path));
    assertThat(page.get("entries").size()).isGreaterThanOrEqualTo(expected);
    return page;
  }

  private HttpResponse<String> sendWithUser(String path, String body, String user) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(server.base().resolve(path))
                  .header("Content-Type", "application/json")
                  .header("X-Mledger-User", user)
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void pagingArgumentsAreValidated() {
    assertThat(server.get("/api/v1/audit?limit=0").statusCode()).isEqualTo(400);
    assertThat(server.get("/api/v1/audit?limit=x").statusCode()).isEqualTo(400);
    assertThat(server.get("/api/v1/audit?after=-3").statusCode()).isEqualTo(400);
    assertThat(server.get("/api/v1/audit/verify?expect_head=nothex").statusCode()).isEqualTo(400);
  }
}
