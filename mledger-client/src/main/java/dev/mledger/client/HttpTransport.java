package dev.mledger.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends MLflow REST calls ({@code /api/2.0/mlflow/<endpoint>}) and calls of mledger's native API
 * ({@code /api/v1/...}), and turns answers into JSON trees or {@link MledgerException}s. Each
 * {@code *Once} method makes exactly one attempt; {@link #withRetries} repeats attempts under the
 * {@link RetryPolicy}.
 */
final class HttpTransport {
  private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());
  static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Where MLflow's REST endpoints live under the tracking URI. */
  static final String MLFLOW_PREFIX = "/api/2.0/mlflow/";

  /** The statuses MLflow's Python client retries ({@code _TRANSIENT_FAILURE_RESPONSE_CODES}). */
  private static final Set<Integer> TRANSIENT_STATUSES = Set.of(429, 500, 502, 503, 504);

  private final URI trackingUri;
  private final String apiBase;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final String authorization;
  private final String userAgent;
  private final RetryPolicy retryPolicy;

  HttpTransport(
      URI trackingUri,
      HttpClient http,
      Duration requestTimeout,
      String authorization,
      String userAgent,
      RetryPolicy retryPolicy) {
    this.trackingUri = trackingUri;
    String base = trackingUri.toString();
    this.apiBase = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.authorization = authorization;
    this.userAgent = userAgent;
    this.retryPolicy = retryPolicy;
  }

  URI trackingUri() {
    return trackingUri;
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** One attempt of an operation, which reports transient failures for the retry loop. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws TransientFailure;
  }

  JsonNode post(String endpoint, JsonNode body) {
    return withRetries(endpoint, () -> postOnce(endpoint, body));
  }

  JsonNode get(String endpoint, List<Map.Entry<String, String>> query) {
    return withRetries(endpoint, () -> getOnce(endpoint, query));
  }

  /**
   * Runs {@code attempt} until it succeeds, fails permanently, or the policy's attempts are used
   * up; in the last case a {@link ServerUnavailableException} carries the last failure.
   */
  <T> T withRetries(String endpoint, Attempt<T> attempt) {
    TransientFailure last = null;
    for (int n = 1; n <= retryPolicy.maxAttempts(); n++) {
      if (last != null) {
        Duration wait = retryPolicy.backoff(n - 1, last.retryAfter(), ThreadLocalRandom.current());
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0} failed ({1}); retry {2} in {3} ms",
            endpoint,
            last.getMessage(),
            n - 1,
            wait.toMillis());
        sleep(wait, last);
      }
      try {
        return attempt.run();
      } catch (TransientFailure failure) {
        last = failure;
      }
    }
    MledgerException error = last.error();
    String suffix =
        retryPolicy.maxAttempts() == 1
            ? ""
            : " (gave up after " + retryPolicy.maxAttempts() + " attempts)";
    throw new ServerUnavailableException(
        error.code(), error.getMessage() + suffix, retryPolicy.maxAttempts(), error);
  }

  JsonNode postOnce(String endpoint, JsonNode body) throws TransientFailure {
    return sendOnce(
        endpoint, new Call("POST", MLFLOW_PREFIX + endpoint, List.of(), body, Map.of()));
  }

  JsonNode getOnce(String endpoint, List<Map.Entry<String, String>> query) throws TransientFailure {
    return sendOnce(endpoint, new Call("GET", MLFLOW_PREFIX + endpoint, query, null, Map.of()));
  }

  /**
   * One HTTP call relative to the tracking URI.
   *
   * @param method GET, POST, PUT, PATCH or DELETE
   * @param path starts with {@code /}, its segments already percent-encoded (see {@link #segment})
   * @param body the JSON body, or null for none
   * @param headers extra request headers, e.g. the acting user of a native registry change
   */
  record Call(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      JsonNode body,
      Map<String, String> headers) {

    /** What error messages call it, e.g. {@code PUT /api/v1/registry/models/m/aliases/a}. */
    String label() {
      return path.startsWith(MLFLOW_PREFIX) ? path.substring(MLFLOW_PREFIX.length()) : path;
    }
  }

  /** Makes {@code call}, retrying transient failures under the policy. */
  JsonNode send(Call call) {
    return withRetries(call.label(), () -> sendOnce(call.label(), call));
  }

  /** Makes one attempt of {@code call}. */
  JsonNode sendOnce(Call call) throws TransientFailure {
    return sendOnce(call.label(), call);
  }

  private JsonNode sendOnce(String label, Call call) throws TransientFailure {
    return parse(label, 200, textOnce(label, call, "application/json"));
  }

  /** Makes one attempt of {@code call} and returns the 2xx body as text (any media type). */
  String textOnce(String label, Call call, String accept) throws TransientFailure {
    HttpResponse<String> response =
        exchange(label, request(label, call), accept, requestTimeout, BodyHandlers.ofString());
    return checked(label, response.statusCode(), response.body(), response);
  }

  /**
   * Makes one attempt of {@code method path} with a body that is already text in {@code
   * contentType} (e.g. NDJSON); the 2xx answer as JSON.
   */
  JsonNode textBodyOnce(
      String method, String path, String body, String contentType, Map<String, String> headers)
      throws TransientFailure {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path, List.of()))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    HttpResponse<String> response =
        exchange(path, request, "application/json", requestTimeout, BodyHandlers.ofString());
    return parse(path, 200, checked(path, response.statusCode(), response.body(), response));
  }

  /**
   * Opens a streamed download of {@code path} (one attempt, no request timeout: large bodies take
   * as long as they take); the caller closes the stream.
   */
  InputStream downloadOnce(String label, String path) throws TransientFailure {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, List.of())).GET();
    HttpResponse<InputStream> response =
        exchange(label, request, "*/*", null, BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body = "";
    }
    checked(label, response.statusCode(), body, response);
    throw new IllegalStateException("unreachable: a non-2xx status always fails");
  }

  /**
   * Streams {@code size} bytes from {@code body} to {@code path} with PUT (one attempt, no request
   * timeout); a retry calls {@code body} again for a fresh stream.
   */
  JsonNode uploadOnce(String label, String path, long size, Supplier<InputStream> body)
      throws TransientFailure {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path, List.of()))
            .header("Content-Type", "application/octet-stream")
            .PUT(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(body), size));
    HttpResponse<String> response =
        exchange(label, request, "application/json", null, BodyHandlers.ofString());
    return parse(label, 200, checked(label, response.statusCode(), response.body(), response));
  }

  private HttpRequest.Builder request(String label, Call call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(call.path(), call.query()));
    if (call.body() == null) {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      String json;
      try {
        json = JSON.writeValueAsString(call.body());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialize request for " + label, e);
      }
      request
          .header("Content-Type", "application/json")
          .method(call.method(), HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    call.headers().forEach(request::header);
    return request;
  }

  private URI uri(String path, List<Map.Entry<String, String>> query) {
    StringBuilder uri = new StringBuilder(apiBase).append(path);
    char separator = '?';
    for (Map.Entry<String, String> parameter : query) {
      uri.append(separator)
          .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return URI.create(uri.toString());
  }

  /** A path segment percent-encoded for a URI path (a space is %20, a slash %2F). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> HttpResponse<T> exchange(
      String endpoint,
      HttpRequest.Builder request,
      String accept,
      Duration timeout,
      HttpResponse.BodyHandler<T> handler)
      throws TransientFailure {
    if (timeout != null) {
      request.timeout(timeout);
    }
    request.setHeader("Accept", accept);
    request.setHeader("User-Agent", userAgent);
    if (authorization != null) {
      request.setHeader("Authorization", authorization);
    }
    try {
      return http.send(request.build(), handler);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      // Nothing reached the server: safe to repeat any call.
      throw new TransientFailure(unreachable(e), false, null);
    } catch (HttpTimeoutException e) {
      throw new TransientFailure(
          new MledgerException(
              ErrorCode.TEMPORARILY_UNAVAILABLE,
              "The tracking server at "
                  + trackingUri
                  + " did not answer "
                  + endpoint
                  + " within "
                  + requestTimeout.toMillis()
                  + " ms",
              e),
          true,
          null);
    } catch (IOException e) {
      throw new TransientFailure(unreachable(e), true, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(
          ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted while calling " + endpoint, e);
    }
  }

  /** The body of a 2xx answer; otherwise the server's error, transient or not. */
  private static String checked(String endpoint, int status, String body, HttpResponse<?> response)
      throws TransientFailure {
    if (status / 100 == 2) {
      return body;
    }
    MledgerException error = error(endpoint, status, body);
    if (TRANSIENT_STATUSES.contains(status)) {
      throw new TransientFailure(error, status != 429, retryAfter(response));
    }
    throw error;
  }

  private MledgerException unreachable(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new MledgerException(
        ErrorCode.TEMPORARILY_UNAVAILABLE,
        "Cannot reach the tracking server at " + trackingUri + ": " + reason,
        e);
  }

  private JsonNode parse(String endpoint, int status, String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MledgerException(
          ErrorCode.INTERNAL_ERROR,
          "The tracking server answered "
              + endpoint
              + " with HTTP "
              + status
              + " but a body that is not JSON: "
              + abbreviate(body),
          e);
    }
  }

  /**
   * MLflow's error body is {@code {"error_code": "...", "message": "..."}}; anything else (a
   * proxy's HTML page, an unknown code) is mapped from the HTTP status.
   */
  static MledgerException error(String endpoint, int status, String body) {
    try {
      JsonNode json = JSON.readTree(body == null ? "" : body);
      if (json != null && json.hasNonNull("error_code")) {
        String message = json.path("message").asText("");
        return new MledgerException(codeFor(json.get("error_code").asText(), status), message);
      }
      if (json != null && json.path("message").isTextual()) {
        // A google.rpc.Status (OTLP) or another {"message"} body: the server's words, code by
        // status.
        return new MledgerException(codeFor(null, status), json.get("message").asText());
      }
    } catch (JsonProcessingException e) {
      // not JSON: described below from the status
    }
    String detail = body == null || body.isBlank() ? "" : ": " + abbreviate(body);
    return new MledgerException(
        codeFor(null, status),
        "The tracking server answered " + endpoint + " with HTTP " + status + detail);
  }

  private static ErrorCode codeFor(String name, int status) {
    if (name != null) {
      for (ErrorCode code : ErrorCode.values()) {
        if (code.name().equals(name)) {
          return code;
        }
      }
    }
    return switch (status) {
      case 400, 415 -> ErrorCode.BAD_REQUEST;
      case 401 -> ErrorCode.CUSTOMER_UNAUTHORIZED;
      case 403 -> ErrorCode.PERMISSION_DENIED;
      case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
      case 409 -> ErrorCode.RESOURCE_CONFLICT;
      case 429 -> ErrorCode.REQUEST_LIMIT_EXCEEDED;
      case 501 -> ErrorCode.NOT_IMPLEMENTED;
      case 502, 503, 504 -> ErrorCode.TEMPORARILY_UNAVAILABLE;
      default -> ErrorCode.INTERNAL_ERROR;
    };
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
              } catch (NumberFormatException e) {
                return null; // an HTTP date: the policy's own backoff applies
              }
            })
        .orElse(null);
  }

  private static String abbreviate(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
  }

  private static void sleep(Duration wait, TransientFailure cause) {
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(
          ErrorCode.TEMPORARILY_UNAVAILABLE,
          "Interrupted while waiting to retry: " + cause.getMessage(),
          e);
    }
  }
}
