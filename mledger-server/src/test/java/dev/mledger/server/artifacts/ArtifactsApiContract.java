package dev.mledger.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MLflow artifact proxy over HTTP, shared by the local and S3 backends. Paths are sent exactly
 * as written here (no client-side normalisation), the way an attacker would send them.
 */
abstract class ArtifactsApiContract {
  static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A running server whose default artifact root is {@code mlflow-artifacts:}. */
  abstract RunningServer server();

  HttpResponse<byte[]> send(String method, String rawPath, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server().base() + rawPath))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text(response), e);
    }
  }

  @Test
  void uploadDownloadListDeleteRoundTrip() throws Exception {
    String dir = PROXY + "/1/run-a/artifacts";
    HttpResponse<byte[]> put = send("PUT", dir + "/notes.txt", bytes("hello artifacts"));
    assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
    assertThat(text(put)).isEqualTo("{}");
    assertThat(put.headers().firstValue("Content-Type")).contains("application/json");

    byte[] model = new byte[300_000];
    new Random(1).nextBytes(model);
    assertThat(send("PUT", dir + "/model/model.pkl", model).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> get = send("GET", dir + "/notes.txt", null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(text(get)).isEqualTo("hello artifacts");
    assertThat(get.headers().firstValue("Content-Type")).contains("text/plain");
    assertThat(get.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=notes.txt");
    assertThat(get.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(get.headers().firstValue("Content-Length")).contains("15");

    HttpResponse<byte[]> binary = send("GET", dir + "/model/model.pkl", null);
    assertThat(sha256(binary.body())).isEqualTo(sha256(model));
    assertThat(binary.headers().firstValue("Content-Type")).contains("application/octet-stream");

    HttpResponse<byte[]> list = send("GET", PROXY + "?path=1/run-a/artifacts", null);
    assertThat(text(list))
        .isEqualTo(
            "{\n  \"files\": [\n    {\n      \"path\": \"model\",\n      \"is_dir\": true\n"
                + "    },\n    {\n      \"path\": \"notes.txt\",\n      \"is_dir\": false,\n"
                + "      \"file_size\": 15\n    }\n  ]\n}");
    assertThat(text(send("GET", PROXY + "?path=1/run-a/nothing-here", null))).isEqualTo("{}");
    assertThat(json(send("GET", PROXY, null)).get("files").findValuesAsText("path")).contains("1");

    HttpResponse<byte[]> deleted = send("DELETE", dir + "/model", null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(text(deleted)).isEqualTo("{}");
    HttpResponse<byte[]> gone = send("GET", dir + "/model/model.pkl", null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void ajaxPrefixServesTheSameStore() {
    send("PUT", "/ajax-api/2.0/mlflow-artifacts/artifacts/ajax/x.json", bytes("{\"a\": 1}"));
    HttpResponse<byte[]> get = send("GET", PROXY + "/ajax/x.json", null);
    assertThat(text(get)).isEqualTo("{\"a\": 1}");
  }

  @Test
  void runsUnderMlflowArtifactsRootAreServedThroughTheProxy() throws Exception {
    RunningServer s = server();
    String experimentId =
        RunningServer.json(
                s.post(
                    "/api/2.0/mlflow/experiments/create", "{\"name\": \"proxied-" + id() + "\"}"))
            .get("experiment_id")
            .asText();
    JsonNode run =
        RunningServer.json(
                s.post(
                    "/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experimentId + "\"}"))
            .get("run")
            .get("info");
    String runId = run.get("run_id").asText();
    String artifactUri = run.get("artifact_uri").asText();
    assertThat(artifactUri)
        .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");

    String root = PROXY + "/" + experimentId + "/" + runId + "/artifacts";
    send("PUT", root + "/model/MLmodel", bytes("flavors: {}\n"));
    send("PUT", root + "/model/data/weights.bin", new byte[] {1, 2, 3});
    send("PUT", root + "/metrics.csv", bytes("a,b\n"));

    HttpResponse<byte[]> top = send("GET", "/api/2.0/mlflow/artifacts/list?run_id=" + runId, null);
    assertThat(text(top))
        .isEqualTo(
            "{\n  \"root_uri\": \""
                + artifactUri
                + "\",\n  \"files\": [\n    {\n      \"path\": \"metrics.csv\",\n"
                + "      \"is_dir\": false,\n      \"file_size\": 4\n    },\n    {\n"
                + "      \"path\": \"model\",\n      \"is_dir\": true\n    }\n  ]\n}");
    JsonNode model =
        json(
            send(
                "GET",
                "/ajax-api/2.0/mlflow/artifacts/list?run_uuid=" + runId + "&path=model",
                null));
    assertThat(model.get("files").findValuesAsText("path"))
        .containsExactly("model/MLmodel", "model/data");

    HttpResponse<byte[]> file =
        send("GET", "/get-artifact?path=model/MLmodel&run_uuid=" + runId, null);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(text(file)).isEqualTo("flavors: {}\n");
    assertThat(file.headers().firstValue("Content-Type")).contains("text/plain");
    assertThat(file.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=MLmodel");

    HttpResponse<byte[]> escape =
        send("GET", "/get-artifact?path=../../other-run/secret&run_id=" + runId, null);
    assertThat(escape.statusCode()).isEqualTo(400);
    HttpResponse<byte[]> missingRun =
        send("GET", "/api/2.0/mlflow/artifacts/list?run_id=does-not-exist", null);
    assertThat(missingRun.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/a/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/a/../b",
        "/a/..%5C..%5Cwindows",
        "/%2Fetc%2Fpasswd",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/file:%2F%2F%2Fetc%2Fpasswd",
        "/a%0Ab"
      })
  void unsafeArtifactPathsAreRejectedWith400(String attack) {
    for (String method : List.of("GET", "PUT", "DELETE")) {
      HttpResponse<byte[]> response =
          send(method, PROXY + attack, method.equals("PUT") ? bytes("pwned") : null);
      assertThat(response.statusCode()).as(method + " " + attack).isEqualTo(400);
      assertThat(json(response).get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
      assertThat(text(response)).doesNotContain("\tat ");
    }
  }

  /** Jetty refuses an encoded NUL before routing, with its own 400 page. */
  @ParameterizedTest
  @ValueSource(strings = {"/a%00b", "/a/%00/b", "/%00"})
  void nulBytesAreRejectedWith400BeforeRouting(String attack) {
    for (String method : List.of("GET", "PUT", "DELETE")) {
      HttpResponse<byte[]> response =
          send(method, PROXY + attack, method.equals("PUT") ? bytes("pwned") : null);
      assertThat(response.statusCode()).as(method + " " + attack).isEqualTo(400);
      assertThat(text(response)).doesNotContain("\tat ", "Exception");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../..", "%2e%2e", "/etc", "a/%00", "%252e%252e%252f"})
  void unsafeListPathsAreRejectedWith400(String attack) {
    HttpResponse<byte[]> response =
        send("GET", PROXY + "?path=" + attack.replace("%", "%25"), null);
    assertThat(response.statusCode()).as(attack).isEqualTo(400);
    HttpResponse<byte[]> raw = send("GET", PROXY + "?path=" + attack, null);
    assertThat(raw.statusCode()).as(attack).isEqualTo(400);
  }

  @Test
  void otherMethodsOnArtifactPathsAreNotAllowed() {
    HttpResponse<byte[]> post = send("POST", PROXY + "/a.txt", bytes("x"));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, PUT, DELETE, OPTIONS, HEAD");
  }

  private static int counter;

  private static synchronized int id() {
    return ++counter;
  }
}
