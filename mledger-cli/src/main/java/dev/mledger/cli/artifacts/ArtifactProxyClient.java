package dev.mledger.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.CliException;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CLI's HTTP client for a server's MLflow artifact proxy ({@code
 * /api/2.0/mlflow-artifacts/artifacts}). Uploads and downloads stream; server errors become {@link
 * MledgerException}s carrying the server's error code and message.
 */
final class ArtifactProxyClient {
  private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  ArtifactProxyClient(String trackingUri) {
    String trimmed =
        trackingUri.endsWith("/")
            ? trackingUri.substring(0, trackingUri.length() - 1)
            : trackingUri;
    if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
      throw new CliException(
          "--tracking-uri must be an http(s) URL of an mledger server, got " + trackingUri, 2);
    }
    this.base = URI.create(trimmed);
  }

  /** One directory entry; {@code size} is -1 for directories. */
  record Entry(String name, boolean isDir, long size) {}

  List<Entry> list(String path) {
    String query = path.isEmpty() ? "" : "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    JsonNode body = json(send(HttpRequest.newBuilder(uri(PROXY + query)).GET()));
    List<Entry> entries = new ArrayList<>();
    for (JsonNode file : body.path("files")) {
      boolean dir = file.path("is_dir").asBoolean(false);
      entries.add(
          new Entry(file.path("path").asText(), dir, dir ? -1 : file.path("file_size").asLong()));
    }
    return entries;
  }

  void upload(String path, long size, Supplier<InputStream> body) {
    HttpRequest.BodyPublisher publisher =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(body), size);
    send(HttpRequest.newBuilder(uri(PROXY + "/" + encodePath(path))).PUT(publisher));
  }

  /** Opens a download; the caller closes the stream. */
  InputStream download(String path) {
    HttpRequest request = HttpRequest.newBuilder(uri(PROXY + "/" + encodePath(path))).GET().build();
    HttpResponse<InputStream> response =
        exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      try (InputStream in = response.body()) {
        throw failure(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw failure(response.statusCode(), "");
      }
    }
    return response.body();
  }

  /** The artifact root of a run, as a proxy path, from its {@code mlflow-artifacts:} URI. */
  String runArtifactRoot(String runId) {
    JsonNode run =
        json(
            send(
                HttpRequest.newBuilder(
                        uri(
                            "/api/2.0/mlflow/runs/get?run_id="
                                + URLEncoder.encode(runId, StandardCharsets.UTF_8)))
                    .GET()));
    String artifactUri = run.path("run").path("info").path("artifact_uri").asText("");
    if (!artifactUri.startsWith("mlflow-artifacts:")) {
      throw new CliException(
          "run "
              + runId
              + " keeps its artifacts at '"
              + artifactUri
              + "', not behind this server's artifact proxy",
          2);
    }
    String path = URI.create(artifactUri).getPath();
    return path == null ? "" : path.replaceAll("^/+", "");
  }

  private URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private String send(HttpRequest.Builder request) {
    HttpResponse<String> response =
        exchange(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw failure(response.statusCode(), response.body());
    }
    return response.body();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (ConnectException e) {
      throw new CliException("cannot reach the mledger server at " + base, 1, e);
    } catch (IOException e) {
      throw new CliException(
          "transfer with " + base + " failed: " + (e.getMessage() == null ? e : e.getMessage()),
          1,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", 130, e);
    }
  }

  private static MledgerException failure(int status, String body) {
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.hasNonNull("message")) {
        ErrorCode code;
        try {
          code = ErrorCode.valueOf(error.path("error_code").asText());
        } catch (IllegalArgumentException e) {
          code = ErrorCode.INTERNAL_ERROR;
        }
        return new MledgerException(code, error.get("message").asText());
      }
    } catch (IOException e) {
      // not an MLflow error body; fall through
    }
    return new MledgerException(
        status == 404 ? ErrorCode.RESOURCE_DOES_NOT_EXIST : ErrorCode.INTERNAL_ERROR,
        "server answered HTTP " + status);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new CliException("the server's answer is not JSON", 1, e);
    }
  }

  /** Percent-encodes each segment, keeping the slashes that separate them. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }
}
