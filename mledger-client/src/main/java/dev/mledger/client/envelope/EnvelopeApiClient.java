package dev.mledger.client.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client of the server's native envelope API ({@code /api/v1/runs/{run_id}/envelope}). Credentials
 * come from the same variables as MLflow's: {@code MLFLOW_TRACKING_USERNAME} and {@code
 * MLFLOW_TRACKING_PASSWORD}, else {@code MLFLOW_TRACKING_TOKEN}.
 */
public final class EnvelopeApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * A stored envelope as the server reports it.
   *
   * @param envelopeJson the envelope JSON exactly as the server returned it
   */
  public record StoredEnvelope(
      String runId,
      String fingerprint,
      boolean complete,
      List<String> missing,
      long createdTime,
      String envelopeJson) {}

  private final URI base;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * @param trackingUri the server's base URI
   * @param environment where to read credentials from (normally {@link System#getenv()})
   */
  public EnvelopeApiClient(URI trackingUri, Map<String, String> environment) {
    String s = trackingUri.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.authorization = authorization(environment);
  }

  /** Stores the run's envelope (idempotent for the same envelope; 409 for a different one). */
  public StoredEnvelope put(String runId, Envelope envelope) {
    HttpRequest.Builder request =
        request(path(runId))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(envelope.toCanonicalJson()));
    return parse(send(request, false).orElseThrow());
  }

  /** The run's envelope; empty when the run has none (or does not exist). */
  public Optional<StoredEnvelope> get(String runId) {
    return send(request(path(runId)).GET(), true).map(EnvelopeApiClient::parse);
  }

  private String path(String runId) {
    return "api/v1/runs/" + java.net.URLEncoder.encode(runId, StandardCharsets.UTF_8) + "/envelope";
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private Optional<JsonNode> send(HttpRequest.Builder request, boolean notFoundIsEmpty) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.TEMPORARILY_UNAVAILABLE,
          "Cannot reach the tracking server at " + base + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (response.statusCode() == 200 && body != null) {
      return Optional.of(body);
    }
    if (response.statusCode() == 404 && notFoundIsEmpty) {
      return Optional.empty();
    }
    ErrorCode code = ErrorCode.INTERNAL_ERROR;
    String message = "HTTP " + response.statusCode() + " from " + request.build().uri();
    if (body != null && body.hasNonNull("error_code")) {
      try {
        code = ErrorCode.valueOf(body.path("error_code").asText());
      } catch (IllegalArgumentException e) {
        code = ErrorCode.INTERNAL_ERROR;
      }
      message = body.path("message").asText(message);
    }
    throw new MledgerException(code, message);
  }

  private static StoredEnvelope parse(JsonNode body) {
    List<String> missing = new ArrayList<>();
    body.path("missing").forEach(m -> missing.add(m.asText()));
    return new StoredEnvelope(
        body.path("run_id").asText(),
        body.path("fingerprint").asText(),
        body.path("complete").asBoolean(),
        List.copyOf(missing),
        body.path("created_time").asLong(),
        body.path("envelope").toString());
  }

  private static String authorization(Map<String, String> env) {
    String user = env.get("MLFLOW_TRACKING_USERNAME");
    String password = env.get("MLFLOW_TRACKING_PASSWORD");
    if (user != null && password != null) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    String token = env.get("MLFLOW_TRACKING_TOKEN");
    return token == null ? null : "Bearer " + token;
  }
}
