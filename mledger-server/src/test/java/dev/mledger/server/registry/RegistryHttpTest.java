package dev.mledger.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's MLflow and native endpoints over HTTP: shapes, errors, actors and history. */
class RegistryHttpTest {
  @TempDir static Path dir;
  static RunningServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = RunningServer.sqlite(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void bothPrefixesServeTheRegistryWithMlflowsBodies() {
    HttpResponse<String> created =
        server.post(
            "/api/2.0/mlflow/registered-models/create",
            "{\"name\": \"shapes\", \"description\": \"\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode model = RunningServer.json(created).get("registered_model");
    assertThat(model.get("name").asText()).isEqualTo("shapes");
    assertThat(model.has("description")).isFalse();
    assertThat(model.get("creation_timestamp").isIntegralNumber()).isTrue();

    JsonNode version =
        RunningServer.json(
                server.post(
                    "/ajax-api/2.0/mlflow/model-versions/create",
                    "{\"name\": \"shapes\", \"source\": \"s3://bucket/model\"}"))
            .get("model_version");
    // MLflow stores the request's unset strings as "" and prints them.
    assertThat(version.get("version").asText()).isEqualTo("1");
    assertThat(version.get("current_stage").asText()).isEqualTo("None");
    assertThat(version.get("run_id").asText()).isEmpty();
    assertThat(version.get("status").asText()).isEqualTo("READY");
    assertThat(version.has("user_id")).isFalse();

    HttpResponse<String> byQuery =
        server.get("/api/2.0/mlflow/model-versions/get?name=shapes&version=1");
    assertThat(RunningServer.json(byQuery).at("/model_version/source").asText())
        .isEqualTo("s3://bucket/model");
    HttpResponse<String> latest =
        server.get("/api/2.0/mlflow/registered-models/get-latest-versions?name=shapes&stages=None");
    assertThat(RunningServer.json(latest).at("/model_versions/0/version").asText()).isEqualTo("1");
    HttpResponse<String> uri =
        server.get("/api/2.0/mlflow/model-versions/get-download-uri?name=shapes&version=1");
    assertThat(RunningServer.json(uri).get("artifact_uri").asText()).isEqualTo("s3://bucket/model");
  }

  @Test
  void invalidRequestsGetMlflowErrors() {
    assertError(
        server.post("/api/2.0/mlflow/registered-models/create", "{}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Missing value for required parameter 'name'.");
    server.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"errs\"}");
    assertError(
        server.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"errs\"}"),
        400,
        "RESOURCE_ALREADY_EXISTS",
        "Registered Model (name=errs) already exists.");
    assertError(
        server.get("/api/2.0/mlflow/registered-models/get?name=nope"),
        404,
        "RESOURCE_DOES_NOT_EXIST",
        "Registered Model with name=nope not found");
    assertError(
        server.post(
            "/api/2.0/mlflow/model-versions/transition-stage",
            "{\"name\": \"errs\", \"version\": \"1\", \"stage\": \"Prod\"}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid Model Version stage: Prod. Value must be one of None, Staging, Production,"
            + " Archived.");
    assertError(
        server.post(
            "/api/2.0/mlflow/registered-models/alias",
            "{\"name\": \"errs\", \"alias\": \"v1\", \"version\": \"1\"}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Version alias name 'v1' is reserved.");
    assertError(
        server.get("/api/2.0/mlflow/registered-models/search?filter=name%20%3D%201"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Expected a quoted string value or a list of quoted string values for attributes. Got"
            + " value 1");
    assertError(
        server.get("/api/2.0/mlflow/registered-models/search?max_results=1001"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid value for request parameter max_results. It must be at most 1000, but got"
            + " value 1001");
    assertError(
        server.post(
            "/api/2.0/mlflow/model-versions/create",
            "{\"name\": \"errs\", \"source\": \"s3://b/../../etc\"}"),
        400,
        "INVALID_PARAMETER_VALUE",
        "Invalid model version source: 's3://b/../../etc'. If supplying a source as an http,"
            + " https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path"
            + " must be provided without relative path references present. Please provide an"
            + " absolute path.");
    assertThat(
            server
                .post(
                    "/api/2.0/mlflow/model-versions/create",
                    "{\"name\": \"errs\", \"source\": \"/tmp/model\"}")
                .body())
        .contains("To use a local path as a model version source");
    assertThat(server.get("/api/2.0/mlflow/registered-models/create").statusCode()).isEqualTo(405);
  }

  @Test
  void deletesTakeJsonBodiesAndActorsAreRecorded() throws Exception {
    server.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"audited\"}");
    server.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\": \"audited\", \"source\": \"s3://b/1\"}");
    send(
        "POST",
        "/api/2.0/mlflow/model-versions/transition-stage",
        "{\"name\": \"audited\", \"version\": \"1\", \"stage\": \"Staging\"}",
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString("erin:secret".getBytes(StandardCharsets.UTF_8)));
    send(
        "POST",
        "/api/2.0/mlflow/registered-models/alias",
        "{\"name\": \"audited\", \"alias\": \"champion\", \"version\": \"1\"}",
        "X-Mledger-User",
        "frank");
    HttpResponse<String> deleted =
        server.request(
            "DELETE",
            "/api/2.0/mlflow/registered-models/alias",
            "{\"name\": \"audited\", \"alias\": \"champion\"}",
            "application/json");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{}");

    JsonNode history =
        RunningServer.json(server.get("/api/v1/registry/models/audited/history")).get("history");
    assertThat(history).hasSize(3);
    assertThat(history.get(0).get("kind").asText()).isEqualTo("stage");
    assertThat(history.get(0).get("to_stage").asText()).isEqualTo("Staging");
    assertThat(history.get(0).get("actor").asText()).isEqualTo("erin");
    assertThat(history.get(1).get("alias").asText()).isEqualTo("champion");
    assertThat(history.get(1).get("actor").asText()).isEqualTo("frank");
    assertThat(history.get(2).get("new_version").isNull()).isTrue();
    assertThat(history.get(2).get("actor").asText()).isEqualTo("unknown");
  }

  @Test
  void nativeApiRecordsReasonsAndApprovalsAndResolvesUris() throws Exception {
    server.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"native\"}");
    server.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\": \"native\", \"source\": \"s3://b/n1\"}");
    server.post(
        "/api/2.0/mlflow/model-versions/create",
        "{\"name\": \"native\", \"source\": \"s3://b/n2\"}");
    server.post(
        "/api/v1/registry/models/native/versions/1/stage",
        "{\"stage\": \"production\", \"reason\": \"first release\"}");
    HttpResponse<String> promoted =
        send(
            "POST",
            "/api/v1/registry/models/native/versions/2/stage",
            "{\"stage\": \"Production\", \"archive_existing_versions\": true,"
                + " \"reason\": \"better AUC\", \"approved_by\": \"grace\","
                + " \"approval_reference\": \"GATE-3\"}",
            "X-Mledger-User",
            "heidi");
    assertThat(RunningServer.json(promoted).at("/model_version/current_stage").asText())
        .isEqualTo("Production");
    send(
        "PUT",
        "/api/v1/registry/models/native/aliases/champion",
        "{\"version\": \"2\", \"reason\": \"promoted\"}",
        "X-Mledger-User",
        "heidi");

    JsonNode history =
        RunningServer.json(server.get("/api/v1/registry/models/native/history")).get("history");
    assertThat(history).hasSize(4);
    assertThat(history.get(0).get("reason").asText()).isEqualTo("first release");
    assertThat(history.get(1).get("to_stage").asText()).isEqualTo("Archived");
    assertThat(history.get(2).get("actor").asText()).isEqualTo("heidi");
    assertThat(history.get(2).at("/approval/approver").asText()).isEqualTo("grace");
    assertThat(history.get(2).at("/approval/reference").asText()).isEqualTo("GATE-3");
    assertThat(history.get(3).get("kind").asText()).isEqualTo("alias");

    JsonNode resolved =
        RunningServer.json(server.get("/api/v1/registry/resolve?uri=models:/native@champion"));
    assertThat(resolved.at("/model_version/version").asText()).isEqualTo("2");
    assertThat(resolved.get("download_uri").asText()).isEqualTo("s3://b/n2");
    assertThat(
            RunningServer.json(server.get("/api/v1/registry/resolve?uri=models:/native/production"))
                .at("/model_version/version")
                .asText())
        .isEqualTo("2");
    assertError(
        server.get("/api/v1/registry/resolve?uri=runs:/x"), 400, "INVALID_PARAMETER_VALUE", null);
    JsonNode listed =
        RunningServer.json(server.get("/api/v1/registry/models?filter=name%3D%27native%27"));
    assertThat(listed.get("registered_models")).hasSize(1);
  }

  private static HttpResponse<String> send(
      String method, String path, String body, String header, String value) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.base() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header(header, value)
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private static void assertError(
      HttpResponse<String> response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = RunningServer.json(response);
    assertThat(body.get("error_code").asText()).isEqualTo(code);
    if (message != null) {
      assertThat(body.get("message").asText()).startsWith(message);
    }
  }
}
