package dev.mledger.server.ui;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the web UI from the class path: the application under {@code /ui/} (resources {@code
 * ui/**}) and front-end libraries from their WebJars under {@code /ui/lib/} (for example {@code
 * /ui/lib/echarts/echarts.esm.min.mjs}). {@code /} redirects to {@code /ui/}.
 *
 * <p>The files are served by routes rather than Javalin's static-file handler so that they share
 * the server's metrics, draining and error bodies, and so that no path outside the two roots can be
 * reached.
 */
final class UiAssets {
  static final String APP_ROOT = "ui/";

  /** The libraries the UI may load, by the name used under {@code /ui/lib/}. */
  static final Map<String, String> LIBRARIES =
      Map.of("echarts", "META-INF/resources/webjars/echarts/5.5.0/");

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "mjs", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "json", "application/json",
          "map", "application/json",
          "png", "image/png",
          "ico", "image/x-icon");

  private final ClassLoader loader = UiAssets.class.getClassLoader();

  void register(Routes routes) {
    routes.add(HandlerType.GET, "/", ctx -> ctx.redirect("/ui/"));
    // Javalin ignores trailing slashes, so this one route answers both /ui and /ui/.
    routes.add(HandlerType.GET, "/ui/", ctx -> serve(ctx, APP_ROOT + "index.html", false));
    routes.add(HandlerType.GET, "/ui/lib/{library}/<file>", this::library);
    routes.add(HandlerType.GET, "/ui/<file>", ctx -> serve(ctx, appResource(ctx), false));
  }

  private String appResource(Context ctx) {
    return APP_ROOT + checkedRelative(ctx.pathParam("file"), ctx);
  }

  private void library(Context ctx) throws IOException {
    String root = LIBRARIES.get(ctx.pathParam("library"));
    if (root == null) {
      throw notFound(ctx);
    }
    serve(ctx, root + checkedRelative(ctx.pathParam("file"), ctx), true);
  }

  /** Rejects anything that could climb out of the root; class-path lookups do not normalize. */
  private static String checkedRelative(String file, Context ctx) {
    if (file.isEmpty()
        || file.startsWith("/")
        || file.contains("\\")
        || file.contains("//")
        || (("/" + file + "/").contains("/../"))
        || (("/" + file + "/").contains("/./"))) {
      throw notFound(ctx);
    }
    return file;
  }

  private void serve(Context ctx, String resource, boolean immutable) throws IOException {
    String type = contentType(resource);
    if (type == null) {
      throw notFound(ctx);
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw notFound(ctx);
      }
      byte[] body = in.readAllBytes();
      // Libraries are versioned by path; application files change with every release.
      ctx.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.contentType(type);
      ctx.status(200);
      ctx.result(body);
    }
  }

  private static String contentType(String resource) {
    int dot = resource.lastIndexOf('.');
    int slash = resource.lastIndexOf('/');
    if (dot < 0 || dot < slash) {
      return null;
    }
    return CONTENT_TYPES.get(resource.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static MledgerException notFound(Context ctx) {
    return new MledgerException(ErrorCode.ENDPOINT_NOT_FOUND, "No UI file " + ctx.path() + ".");
  }
}
