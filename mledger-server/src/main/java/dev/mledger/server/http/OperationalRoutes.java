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
          JsonResponses.send(ctx, up ? 200 : 503, TEXT, up ? "OK" : "SHUTTING DOWN");
        });
    routes.addOperational(
        HandlerType.GET, "/version", ctx -> JsonResponses.send(ctx, 200, TEXT, version));
    routes.addOperational(
        HandlerType.GET,
        "/metrics",
        ctx -> JsonResponses.send(ctx, 200, HttpMetrics.CONTENT_TYPE, metrics.scrape()));
  }
}
