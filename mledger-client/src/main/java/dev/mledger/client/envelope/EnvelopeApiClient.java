package dev.mledger.client.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.NativeApi;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.error.MledgerException;
import java.net.URI;
import java.util.ArrayList;
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

  private final NativeApi api;

  /**
   * @param trackingUri the server's base URI
   * @param environment where to read credentials from (normally {@link System#getenv()})
   */
  public EnvelopeApiClient(URI trackingUri, Map<String, String> environment) {
    this(
        MledgerClient.builder()
            .trackingUri(trackingUri.toString())
            .environment(environment)
            .build());
  }

  /** Over an existing client's connection, credentials and retry policy. */
  public EnvelopeApiClient(MledgerClient client) {
    this.api = client.nativeApi();
  }

  /** Stores the run's envelope (idempotent for the same envelope; 409 for a different one). */
  public StoredEnvelope put(String runId, Envelope envelope) {
    JsonNode body;
    try {
      body = JSON.readTree(envelope.toCanonicalJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an envelope's canonical JSON is always JSON", e);
    }
    return parse(api.put(path(runId), body, Map.of()));
  }

  /** The run's envelope; empty when the run has none (or does not exist). */
  public Optional<StoredEnvelope> get(String runId) {
    try {
      return Optional.of(parse(api.get(path(runId))));
    } catch (MledgerException e) {
      if (e.code().httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String path(String runId) {
    return "/api/v1/runs/" + NativeApi.segment(runId) + "/envelope";
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
}
