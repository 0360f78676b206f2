package dev.mledger.server.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.envelope.EnvelopeStore;
import dev.mledger.store.envelope.StoredEnvelope;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The native envelope API: {@code PUT /api/v1/runs/{run_id}/envelope} stores a run's envelope
 * (write-once; resending the same one is idempotent, a different one is refused with 409
 * RESOURCE_CONFLICT) and {@code GET} returns it. Both answer
 *
 * <pre>{@code
 * {"run_id": "...", "fingerprint": "<sha256>", "complete": true, "missing": [],
 *  "created_time": 1700000000000, "envelope": { ...canonical envelope JSON... }}
 * }</pre>
 *
 * Storing also sets the {@code mledger.envelope.*} run tags, so MLflow clients see the envelope.
 */
public final class EnvelopeApi {
  static final String PATH = "/api/v1/runs/{run_id}/envelope";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EnvelopeStore store;

  public EnvelopeApi(EnvelopeStore store) {
    this.store = store;
  }

  public void register(Routes routes) {
    routes.add(HandlerType.PUT, PATH, this::put);
    routes.add(HandlerType.GET, PATH, this::get);
  }

  private void put(Context ctx) {
    String runId = ctx.pathParam("run_id");
    Envelope envelope = parse(ctx.body());
    respond(ctx, store.put(runId, envelope));
  }

  private void get(Context ctx) {
    String runId = ctx.pathParam("run_id");
    StoredEnvelope stored =
        store
            .get(runId)
            .orElseThrow(
                () ->
                    MledgerException.notFound(
                        "Run "
                            + runId
                            + " has no envelope. Envelopes are captured by the mledger client"
                            + " at run start, or stored with PUT "
                            + PATH.replace("{run_id}", runId)
                            + "."));
    respond(ctx, stored);
  }

  static Envelope parse(String body) {
    if (body == null || body.isBlank()) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "The request body must be an envelope JSON object.");
    }
    try {
      CanonicalJson.parse(body);
    } catch (IllegalArgumentException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Malformed envelope JSON: " + e.getMessage());
    }
    try {
      return Envelope.fromJson(body);
    } catch (IllegalArgumentException e) {
      throw MledgerException.invalidParameter("Invalid envelope: " + e.getMessage());
    }
  }

  private static void respond(Context ctx, StoredEnvelope stored) {
    ObjectNode body = JSON.createObjectNode();
    body.put("run_id", stored.runId());
    body.put("fingerprint", stored.fingerprint());
    Envelope envelope = stored.envelope();
    body.put("complete", envelope.isComplete());
    ArrayNode missing = body.putArray("missing");
    envelope.missing().forEach(missing::add);
    body.put("created_time", stored.createdTime());
    try {
      // The stored canonical text is embedded as is: what a client reads is what was hashed.
      body.set("envelope", JSON.readTree(stored.canonicalJson()));
    } catch (JsonProcessingException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR, "Stored envelope of run " + stored.runId() + " is unreadable");
    }
    ctx.status(200);
    JsonResponses.write(ctx, body.toString());
  }
}
