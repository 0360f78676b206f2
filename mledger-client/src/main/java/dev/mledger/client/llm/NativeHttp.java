package dev.mledger.client.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * JSON over HTTP to the server's native API: server errors come back as {@link MledgerException}s
 * with the server's error code and message.
 */
final class NativeHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  NativeHttp(URI trackingUri, Map<String, String> environment) {
    String s = trackingUri.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.authorization = authorization(environment);
  }

  JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
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
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.statusCode() == 200 && json != null) {
      return json;
    }
    ErrorCode code = ErrorCode.INTERNAL_ERROR;
    String message = "HTTP " + response.statusCode() + " from " + method + " " + path;
    if (json != null && json.hasNonNull("error_code")) {
      try {
        code = ErrorCode.valueOf(json.path("error_code").asText());
      } catch (IllegalArgumentException e) {
        code = ErrorCode.INTERNAL_ERROR;
      }
      message = json.path("message").asText(message);
    } else if (json != null && json.hasNonNull("message")) {
      // OTLP answers errors with a google.rpc.Status
      code =
          response.statusCode() == 503 ? ErrorCode.TEMPORARILY_UNAVAILABLE : ErrorCode.BAD_REQUEST;
      message = json.path("message").asText();
    }
    throw new MledgerException(code, message);
  }

  static String encode(String segment) {
    return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
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
