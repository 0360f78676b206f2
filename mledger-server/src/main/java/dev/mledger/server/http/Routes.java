package dev.mledger.server.http;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the server's routes on Javalin, each wrapped so that it is counted for graceful
 * shutdown, timed in the metrics under its route template, and turns failures into MLflow error
 * bodies: {@link MledgerException}s with their code, anything unexpected as a 500 with a generic
 * message (the stack trace goes to the log only). A known path asked with another method gets
 * Flask's 405; an unknown path gets 404 {@code ENDPOINT_NOT_FOUND}.
 */
public final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  private static final List<HandlerType> ROUTABLE_METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE);
  private static final String METHOD_NOT_ALLOWED_PAGE =
      "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n"
          + "<h1>Method Not Allowed</h1>\n"
          + "<p>The method is not allowed for the requested URL.</p>\n";
  static final String NOT_FOUND_ROUTE = "NOT_FOUND";

  private final Javalin app;
  private final HttpMetrics metrics;
  private final InFlightRequests inFlight;
  private final Map<String, Set<HandlerType>> methodsByPath = new LinkedHashMap<>();
  private boolean finished;

  public Routes(Javalin app, HttpMetrics metrics, InFlightRequests inFlight) {
    this.app = app;
    this.metrics = metrics;
    this.inFlight = inFlight;
  }

  /** Adds a route that is refused with 503 once the server starts draining. */
  public void add(HandlerType method, String path, Handler handler) {
    register(method, path, handler, true);
  }

  /** Adds a route that keeps answering while the server drains (health and metrics). */
  public void addOperational(HandlerType method, String path, Handler handler) {
    register(method, path, handler, false);
  }

  /**
   * The registered route templates (Javalin syntax, e.g. {@code /api/v1/runs/{run_id}/envelope})
   * with their methods, in registration order; the 405 and 404 fallbacks are not included.
   */
  public Map<String, Set<HandlerType>> registered() {
    Map<String, Set<HandlerType>> copy = new LinkedHashMap<>();
    methodsByPath.forEach((path, methods) -> copy.put(path, Set.copyOf(methods)));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** Adds the 405 answers for known paths and the 404 fallback; call after the last route. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    for (Map.Entry<String, Set<HandlerType>> entry : methodsByPath.entrySet()) {
      String allow = allowHeader(entry.getValue());
      for (HandlerType method : ROUTABLE_METHODS) {
        if (!entry.getValue().contains(method)) {
          app.addHttpHandler(
              method,
              entry.getKey(),
              instrument(method, entry.getKey(), ctx -> methodNotAllowed(ctx, allow), false));
        }
      }
    }
    for (HandlerType method : ROUTABLE_METHODS) {
      Handler notFound =
          ctx ->
              ErrorResponses.write(
                  ctx,
                  ErrorCode.ENDPOINT_NOT_FOUND,
                  "No endpoint " + ctx.method() + " " + ctx.path() + " on this server.");
      // A routed "/" (the UI's redirect) already has its 405 answers from the loop above.
      if (!methodsByPath.containsKey("/")) {
        app.addHttpHandler(method, "/", instrument(method, NOT_FOUND_ROUTE, notFound, false));
      }
      app.addHttpHandler(method, "/*", instrument(method, NOT_FOUND_ROUTE, notFound, false));
    }
  }

  private void register(HandlerType method, String path, Handler handler, boolean drainable) {
    if (finished) {
      throw new IllegalStateException("routes already finished; cannot add " + method + " " + path);
    }
    Set<HandlerType> methods =
        methodsByPath.computeIfAbsent(path, p -> EnumSet.noneOf(HandlerType.class));
    if (!methods.add(method)) {
      throw new IllegalArgumentException("duplicate route " + method + " " + path);
    }
    app.addHttpHandler(method, path, instrument(method, path, handler, drainable));
  }

  private Handler instrument(HandlerType method, String route, Handler handler, boolean drainable) {
    return ctx -> {
      long start = System.nanoTime();
      boolean admitted = !drainable || inFlight.enter();
      try {
        if (!admitted) {
          ErrorResponses.write(
              ctx, ErrorCode.TEMPORARILY_UNAVAILABLE, "The server is shutting down.");
        } else {
          handler.handle(ctx);
        }
      } catch (MledgerException e) {
        if (e.code().httpStatus() >= 500) {
          LOG.error("{} {} failed: {}", method, ctx.path(), e.getMessage(), e);
        }
        ErrorResponses.write(ctx, e);
      } catch (HttpResponseException e) {
        ErrorResponses.write(ctx, e.getStatus(), ErrorCode.BAD_REQUEST.name(), e.getMessage());
      } catch (Exception | LinkageError | StackOverflowError e) {
        LOG.error("Unexpected error in {} {}", method, ctx.path(), e);
        ErrorResponses.write(
            ctx,
            ErrorCode.INTERNAL_ERROR,
            "Internal server error. The server log has the details.");
      } finally {
        if (admitted && drainable) {
          inFlight.exit();
        }
        metrics.record(method.name(), route, ctx.statusCode(), System.nanoTime() - start);
      }
    };
  }

  private static void methodNotAllowed(Context ctx, String allow) {
    ctx.header("Allow", allow);
    JsonResponses.send(ctx, 405, "text/html; charset=utf-8", METHOD_NOT_ALLOWED_PAGE);
  }

  /** Werkzeug's Allow header: the route's methods, then OPTIONS, and HEAD where GET is allowed. */
  private static String allowHeader(Set<HandlerType> methods) {
    List<String> names = new ArrayList<>();
    for (HandlerType method : ROUTABLE_METHODS) {
      if (methods.contains(method)) {
        names.add(method.name());
      }
    }
    names.add("OPTIONS");
    if (methods.contains(HandlerType.GET)) {
      names.add("HEAD");
    }
    return String.join(", ", names);
  }
}
