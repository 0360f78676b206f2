package dev.mledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.error.MledgerException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Calls of mledger's native API ({@code /api/v1/...}) and other non-MLflow endpoints of the server
 * (the artifact proxy), over the same transport as the tracking client: its credentials, timeouts,
 * user agent, error mapping and {@link RetryPolicy}.
 *
 * <p>Errors are {@link MledgerException}s with the server's {@code error_code} and message; a
 * server that could not be reached, or kept failing transiently, is a {@link
 * ServerUnavailableException}. GET, PUT and DELETE are idempotent and are retried on any transient
 * failure; POST is retried only when the request never reached the server, so a decision, score or
 * event batch is never recorded twice.
 *
 * <pre>{@code
 * JsonNode decision = client.nativeApi().get("/api/v1/decisions/" + NativeApi.segment(id));
 * }</pre>
 */
public final class NativeApi {
  private final HttpTransport transport;

  NativeApi(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * A path segment percent-encoded for a URI path (a space is {@code %20}, a slash {@code %2F}).
   */
  public static String segment(String value) {
    return HttpTransport.segment(value);
  }

  /**
   * Percent-encodes each segment of a slash-separated path (an artifact path), keeping the slashes.
   */
  public static String segments(String path) {
    StringBuilder out = new StringBuilder();
    for (String part : path.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment(part));
    }
    return out.toString();
  }

  /** GET {@code path}; the answer as JSON. */
  public JsonNode get(String path) {
    return get(path, List.of());
  }

  /** GET {@code path} with query parameters (encoded here); the answer as JSON. */
  public JsonNode get(String path, List<Map.Entry<String, String>> query) {
    return idempotent(new HttpTransport.Call("GET", path, query, null, Map.of()));
  }

  /**
   * GET {@code path} accepting {@code mediaType} (e.g. {@code text/markdown}); the body as text.
   */
  public String getText(String path, List<Map.Entry<String, String>> query, String mediaType) {
    HttpTransport.Call call = new HttpTransport.Call("GET", path, query, null, Map.of());
    return transport.withRetries(
        call.label(), () -> transport.textOnce(call.label(), call, mediaType));
  }

  /** POST a JSON body (null for none). */
  public JsonNode post(String path, JsonNode body) {
    return post(path, body, Map.of());
  }

  /** POST a JSON body with extra headers (e.g. {@code X-Mledger-User}). */
  public JsonNode post(String path, JsonNode body, Map<String, String> headers) {
    HttpTransport.Call call = new HttpTransport.Call("POST", path, List.of(), body, headers);
    return unlessAmbiguous(call.label(), () -> transport.sendOnce(call));
  }

  /**
   * POST a body that is already text in {@code contentType} (e.g. {@code application/x-ndjson}),
   * repeated under the same rule as {@link #post(String, JsonNode, Map)}.
   */
  public JsonNode postText(
      String path, String body, String contentType, Map<String, String> headers) {
    return unlessAmbiguous(
        path, () -> transport.textBodyOnce("POST", path, body, contentType, headers));
  }

  /** PUT a JSON body. */
  public JsonNode put(String path, JsonNode body, Map<String, String> headers) {
    return idempotent(new HttpTransport.Call("PUT", path, List.of(), body, headers));
  }

  /** DELETE {@code path} with query parameters and an optional JSON body. */
  public JsonNode delete(
      String path,
      List<Map.Entry<String, String>> query,
      JsonNode body,
      Map<String, String> headers) {
    return idempotent(new HttpTransport.Call("DELETE", path, query, body, headers));
  }

  /**
   * Opens a streamed download of {@code path} (already percent-encoded); the caller closes it.
   * Opening is retried like a GET; a failure while reading the stream is the caller's to handle.
   */
  public InputStream download(String path) {
    return transport.withRetries(path, () -> transport.downloadOnce(path, path));
  }

  /**
   * Streams {@code size} bytes to {@code path} (already percent-encoded) with PUT, without a
   * request timeout; each attempt reads a fresh stream from {@code body}.
   */
  public JsonNode upload(String path, long size, Supplier<InputStream> body) {
    return transport.withRetries(path, () -> transport.uploadOnce(path, path, size, body));
  }

  /** Retries {@code attempt} only after failures that never reached the server. */
  private JsonNode unlessAmbiguous(String label, HttpTransport.Attempt<JsonNode> attempt) {
    return transport.withRetries(
        label,
        () -> {
          try {
            return attempt.run();
          } catch (TransientFailure failure) {
            if (failure.ambiguous()) {
              // The server may have acted on it: repeating could record it twice.
              throw failure.error();
            }
            throw failure;
          }
        });
  }

  private JsonNode idempotent(HttpTransport.Call call) {
    return transport.send(call);
  }
}
