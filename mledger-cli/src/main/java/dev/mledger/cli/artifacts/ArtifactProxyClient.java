package dev.mledger.cli.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.CliException;
import dev.mledger.cli.tracking.TrackingOptions;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.NativeApi;
import dev.mledger.client.ServerUnavailableException;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CLI's client for a server's MLflow artifact proxy ({@code
 * /api/2.0/mlflow-artifacts/artifacts}) over the SDK's {@link NativeApi} (credentials, retries,
 * error mapping). Uploads and downloads stream; server errors are {@link MledgerException}s
 * carrying the server's error code and message.
 */
final class ArtifactProxyClient {
  private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";

  private final String base;
  private final NativeApi api;

  ArtifactProxyClient(String trackingUri) {
    String trimmed =
        trackingUri.endsWith("/")
            ? trackingUri.substring(0, trackingUri.length() - 1)
            : trackingUri;
    if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
      throw new CliException(
          "--tracking-uri must be an http(s) URL of an mledger server, got " + trackingUri, 2);
    }
    this.base = trimmed;
    this.api =
        MledgerClient.builder()
            .trackingUri(trimmed)
            .retryPolicy(TrackingOptions.CLI_RETRIES)
            .build()
            .nativeApi();
  }

  /** One directory entry; {@code size} is -1 for directories. */
  record Entry(String name, boolean isDir, long size) {}

  List<Entry> list(String path) {
    List<Map.Entry<String, String>> query =
        path.isEmpty() ? List.of() : List.of(Map.entry("path", path));
    JsonNode body = call(() -> api.get(PROXY, query));
    List<Entry> entries = new ArrayList<>();
    for (JsonNode file : body.path("files")) {
      boolean dir = file.path("is_dir").asBoolean(false);
      entries.add(
          new Entry(file.path("path").asText(), dir, dir ? -1 : file.path("file_size").asLong()));
    }
    return entries;
  }

  void upload(String path, long size, Supplier<InputStream> body) {
    call(() -> api.upload(PROXY + "/" + encodePath(path), size, body));
  }

  /** Opens a download; the caller closes the stream. */
  InputStream download(String path) {
    return call(() -> api.download(PROXY + "/" + encodePath(path)));
  }

  /** The artifact root of a run, as a proxy path, from its {@code mlflow-artifacts:} URI. */
  String runArtifactRoot(String runId) {
    JsonNode run =
        call(() -> api.get("/api/2.0/mlflow/runs/get", List.of(Map.entry("run_id", runId))));
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

  /** Server errors pass through; a server that cannot be reached or drops a transfer exits 1. */
  private <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (ServerUnavailableException e) {
      Throwable cause = e.getCause() == null ? null : e.getCause().getCause();
      if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
        throw new CliException("cannot reach the mledger server at " + base, 1, e);
      }
      if (cause instanceof IOException io) {
        throw new CliException(
            "transfer with "
                + base
                + " failed: "
                + (io.getMessage() == null ? io : io.getMessage()),
            1,
            e);
      }
      throw e;
    }
  }

  /** Percent-encodes each segment, keeping the slashes that separate them. */
  static String encodePath(String path) {
    return NativeApi.segments(path);
  }
}
