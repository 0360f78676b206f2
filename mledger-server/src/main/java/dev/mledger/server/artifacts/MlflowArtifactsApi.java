package dev.mledger.server.artifacts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Run;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.server.json.PythonJson;
import dev.mledger.store.TrackingStore;
import dev.mledger.store.artifact.ArtifactContent;
import dev.mledger.store.artifact.ArtifactPaths;
import dev.mledger.store.artifact.ArtifactStore;
import dev.mledger.store.artifact.FileInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * MLflow 2.17's artifact proxy ({@code mlflow server --serve-artifacts}), backed by an {@link
 * ArtifactStore}:
 *
 * <ul>
 *   <li>{@code GET|PUT|DELETE /api/2.0/mlflow-artifacts/artifacts/<path>}: download, upload
 *       (streamed, any size), delete;
 *   <li>{@code GET /api/2.0/mlflow-artifacts/artifacts?path=}: list a directory (names only);
 *   <li>{@code GET /api/2.0/mlflow/artifacts/list?run_id=&path=}: list a run's artifacts, paths
 *       relative to the run's artifact root;
 *   <li>{@code GET /get-artifact?run_id=&path=}: download one of a run's artifacts.
 * </ul>
 *
 * The first three are also under {@code /ajax-api/2.0/}. Every path is normalised and confined by
 * {@link ArtifactPaths}; unsafe ones are answered 400 INVALID_PARAMETER_VALUE. Paths are taken from
 * the raw request URI, so percent-encoded tricks are judged by what they decode to. Run endpoints
 * serve runs whose artifact URI points at this proxy ({@code mlflow-artifacts:/...} or an {@code
 * http(s)} URL of the proxy route), as MLflow does. Without a store the proxy endpoints answer 503,
 * like an MLflow server started with {@code --no-serve-artifacts}.
 */
public final class MlflowArtifactsApi {
  private static final List<String> PROXY_PREFIXES =
      List.of("/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts");
  private static final List<String> TRACKING_PREFIXES =
      List.of("/api/2.0/mlflow", "/ajax-api/2.0/mlflow");
  private static final String FILE_ROUTE = "/artifacts/<path>";
  private static final String FILE_ROUTE_RULE = "/artifacts/<path:artifact_path>";
  private static final String ROUTE_ANCHOR = "/mlflow-artifacts/artifacts/";

  private final Optional<ArtifactStore> store;
  private final TrackingStore tracking;

  /**
   * @param store the proxied artifact store, or null when this server does not serve artifacts
   * @param tracking runs, for the run-relative endpoints
   */
  public MlflowArtifactsApi(ArtifactStore store, TrackingStore tracking) {
    this.store = Optional.ofNullable(store);
    this.tracking = tracking;
  }

  /** Adds the artifact endpoints. */
  public void register(Routes routes) {
    for (String prefix : PROXY_PREFIXES) {
      routes.add(HandlerType.GET, prefix + "/artifacts", served(prefix + "/artifacts", this::list));
      String fileRule = prefix + FILE_ROUTE_RULE;
      routes.add(HandlerType.GET, prefix + FILE_ROUTE, served(fileRule, this::download));
      routes.add(HandlerType.PUT, prefix + FILE_ROUTE, served(fileRule, this::upload));
      routes.add(HandlerType.DELETE, prefix + FILE_ROUTE, served(fileRule, this::delete));
    }
    for (String prefix : TRACKING_PREFIXES) {
      routes.add(HandlerType.GET, prefix + "/artifacts/list", this::listRunArtifacts);
    }
    routes.add(HandlerType.GET, "/get-artifact", this::getRunArtifact);
  }

  private Handler served(String rule, Handler handler) {
    return ctx -> {
      if (store.isEmpty()) {
        JsonResponses.send(
            ctx,
            503,
            "text/html; charset=utf-8",
            "Endpoint: "
                + rule
                + " disabled because this mledger server has no artifact store. To enable"
                + " artifacts server functionality, start it with --artifacts DIR|s3://bucket/prefix");
        return;
      }
      handler.handle(ctx);
    };
  }

  // ---- mlflow-artifacts proxy ----

  private void download(Context ctx) {
    String path = ArtifactPaths.normalizeFile(rawArtifactPath(ctx));
    ArtifactContent content = store.orElseThrow().read(path);
    FileResponses.send(
        ctx,
        ArtifactPaths.name(path),
        content.info().size(),
        content.stream(),
        FileResponses.Disposition.PLAIN);
  }

  private void upload(Context ctx) {
    String path = ArtifactPaths.normalizeFile(rawArtifactPath(ctx));
    try (InputStream body = ctx.req().getInputStream()) {
      store.orElseThrow().put(path, body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the upload of '" + path + "'", e);
    }
    JsonResponses.write(ctx, "{}");
  }

  private void delete(Context ctx) {
    String path = ArtifactPaths.normalize(rawArtifactPath(ctx));
    store.orElseThrow().delete(path);
    JsonResponses.write(ctx, "{}");
  }

  private void list(Context ctx) {
    String rawPath = ctx.queryParam("path");
    String path = rawPath == null ? "" : ArtifactPaths.normalize(rawPath);
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    putFiles(response, store.orElseThrow().list(path), "");
    respond(ctx, response);
  }

  // ---- run-relative endpoints ----

  private void listRunArtifacts(Context ctx) {
    String rawPath = ctx.queryParam("path");
    String relative = rawPath == null ? null : ArtifactPaths.normalize(rawPath);
    Run run = tracking.getRun(runId(ctx));
    String artifactUri = run.info().artifactUri();
    String root = proxiedRoot(artifactUri);
    String dir = relative == null ? root : join(root, relative);
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("root_uri", artifactUri);
    putFiles(response, storeFor(artifactUri).list(dir), relative == null ? "" : relative);
    respond(ctx, response);
  }

  private void getRunArtifact(Context ctx) {
    String rawPath = ctx.queryParam("path");
    if (rawPath == null) {
      throw MledgerException.invalidParameter(
          "Missing value for required parameter 'path'. See the API docs for more information"
              + " about request parameters.");
    }
    String relative = ArtifactPaths.normalizeFile(rawPath);
    Run run = tracking.getRun(runId(ctx));
    String artifactUri = run.info().artifactUri();
    String path = join(proxiedRoot(artifactUri), relative);
    ArtifactContent content = storeFor(artifactUri).read(path);
    FileResponses.send(
        ctx,
        ArtifactPaths.name(path),
        content.info().size(),
        content.stream(),
        FileResponses.Disposition.WERKZEUG);
  }

  private ArtifactStore storeFor(String artifactUri) {
    return store.orElseThrow(
        () ->
            MledgerException.invalidParameter(
                "Cannot serve the artifacts of a run stored at '"
                    + artifactUri
                    + "': this server has no artifact store."));
  }

  private static String proxiedRoot(String artifactUri) {
    return ProxiedRunArtifacts.rootPath(artifactUri)
        .orElseThrow(
            () ->
                MledgerException.invalidParameter(
                    "The run's artifacts at '"
                        + artifactUri
                        + "' are not served by this server's artifact proxy; read them from"
                        + " that location directly."));
  }

  private static String runId(Context ctx) {
    String runId = ctx.queryParam("run_id");
    if (runId == null || runId.isEmpty()) {
      runId = ctx.queryParam("run_uuid");
    }
    return runId == null ? "" : runId;
  }

  private static String join(String root, String relative) {
    if (root.isEmpty()) {
      return relative;
    }
    return relative.isEmpty() ? root : root + "/" + relative;
  }

  /**
   * The artifact path exactly as the client sent it (still percent-encoded): the servlet
   * container's decoded and dot-segment-resolved view would hide {@code ..} and {@code %2F}.
   */
  private static String rawArtifactPath(Context ctx) {
    String uri = ctx.req().getRequestURI();
    int anchor = uri.indexOf(ROUTE_ANCHOR);
    if (anchor >= 0) {
      return uri.substring(anchor + ROUTE_ANCHOR.length());
    }
    return ctx.pathParam("path");
  }

  /** MLflow's FileInfo messages; an empty list leaves {@code files} out, as proto JSON does. */
  private static void putFiles(ObjectNode response, List<FileInfo> files, String parent) {
    if (files.isEmpty()) {
      return;
    }
    ArrayNode array = response.putArray("files");
    for (FileInfo file : files) {
      ObjectNode json = array.addObject();
      json.put("path", join(parent, file.path()));
      json.put("is_dir", file.isDir());
      file.fileSize().ifPresent(size -> json.put("file_size", size));
    }
  }

  private static void respond(Context ctx, ObjectNode response) {
    JsonResponses.write(ctx, response.isEmpty() ? "{}" : PythonJson.indented(response));
  }
}
