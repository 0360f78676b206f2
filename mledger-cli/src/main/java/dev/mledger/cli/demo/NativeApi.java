package dev.mledger.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mledger.cli.CliException;
import dev.mledger.cli.tracking.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON calls to the parts of the server's native API ({@code /api/v1}) and artifact proxy that the
 * Java SDK has no typed client for yet: gates and decisions, monitor definitions, lineage events
 * and edges, dataset reads and artifact uploads. Server errors become one-line {@link
 * CliException}s.
 */
final class NativeApi {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  NativeApi(String baseUrl) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  String base() {
    return base;
  }

  /** Percent-encodes one path segment or query value. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return parse(send("GET", path, HttpRequest.newBuilder(uri(path)).GET()));
  }

  JsonNode post(String path, Object body) {
    return parse(
        send(
            "POST",
            path,
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))));
  }

  /** Uploads {@code content} with PUT (the artifact proxy's upload). */
  void put(String path, byte[] content, String contentType) {
    send(
        "PUT",
        path,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
  }

  static byte[] bytes(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new CliException("cannot encode a request: " + e.getMessage(), ExitCodes.USAGE, e);
    }
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private String send(String method, String path, HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.timeout(Duration.ofSeconds(120)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliException(
          "cannot reach the server at " + base + " (" + e.getMessage() + ")",
          ExitCodes.SERVER_UNAVAILABLE,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", ExitCodes.SERVER_UNAVAILABLE, e);
    }
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    String message = response.body();
    try {
      JsonNode error = JSON.readTree(response.body());
      if (error != null && error.hasNonNull("message")) {
        message = error.get("message").asText();
      }
    } catch (IOException e) {
      // Not the server's error shape: report the body as it is.
    }
    throw new CliException(
        method + " " + path + " failed with HTTP " + response.statusCode() + ": " + message,
        ExitCodes.SERVER_UNAVAILABLE);
  }

  private static JsonNode parse(String body) {
    try {
      return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new CliException(
          "the server sent malformed JSON: " + e.getMessage(), ExitCodes.SERVER_UNAVAILABLE, e);
    }
  }
}
