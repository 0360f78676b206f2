package dev.mledger.server.http;

import io.javalin.http.HandlerType;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} (200 {@code OK} while serving, 503 while shutting down), {@code /version} (the
 * version text, as MLflow's {@code /version}) and {@code /metrics} (Prometheus exposition).
 */
public final class OperationalRoutes {
  private static final String TEXT = "text/plain; charset=utf-8";

  private OperationalRoutes() {}

  public static void register(
      Routes routes, String version, HttpMetrics metrics, BooleanSupplier ready) {
    routes.addOperational(
        HandlerType.GET,
        "/health",
        ctx -> {
          boolean up = ready.getAsBoolean();
          ctx.status(up ? 200 : 503).contentType(TEXT).result(up ? "OK" : "SHUTTING DOWN");
        });
    routes.addOperational(
        HandlerType.GET, "/version", ctx -> ctx.contentType(TEXT).result(version));
    routes.addOperational(
        HandlerType.GET,
        "/metrics",
        ctx -> ctx.contentType(HttpMetrics.CONTENT_TYPE).result(metrics.scrape()));
  }
}
