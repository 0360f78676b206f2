package dev.mledger.cli.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Calls the server's native monitoring API; server errors become one-line {@link CliException}s.
 */
final class MonitorHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  MonitorHttp(String trackingUri) {
    this.base =
        trackingUri.endsWith("/")
            ? trackingUri.substring(0, trackingUri.length() - 1)
            : trackingUri;
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return parse(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
  }

  JsonNode post(String path, String body, String contentType) {
    return parse(
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /** POSTs JSON as {@code user} (the {@code X-Mledger-User} header). */
  JsonNode postAs(String path, String body, String user) {
    return parse(
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("X-Mledger-User", user)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  private String send(HttpRequest.Builder request) {
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
      // Not MLflow's error shape: show the body as it is.
    }
    int exit =
        response.statusCode() == 404
            ? ExitCodes.NOT_FOUND
            : response.statusCode() >= 500 ? ExitCodes.SERVER_UNAVAILABLE : ExitCodes.USAGE;
    throw new CliException(message, exit);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new CliException(
          "the server sent malformed JSON: " + e.getMessage(), ExitCodes.SERVER_UNAVAILABLE, e);
    }
  }
}
