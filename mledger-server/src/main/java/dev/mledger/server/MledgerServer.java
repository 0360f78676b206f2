package dev.mledger.server;

import dev.mledger.server.artifacts.MlflowArtifactsApi;
import dev.mledger.server.http.HttpMetrics;
import dev.mledger.server.http.InFlightRequests;
import dev.mledger.server.http.OperationalRoutes;
import dev.mledger.server.http.Routes;
import dev.mledger.server.mlflow.MlflowTrackingApi;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mledger HTTP server: MLflow's tracking REST API under {@code /api/2.0/mlflow/} and {@code
 * /ajax-api/2.0/mlflow/}, plus {@code /health}, {@code /version} and {@code /metrics}.
 *
 * <pre>{@code
 * MledgerServer server =
 *     new MledgerServer(new ServerConfig("127.0.0.1", 0, stores, root, "0.1.0", artifacts));
 * int port = server.start();
 * ...
 * server.stop(); // drains in-flight requests, then closes; the store stays open
 * }</pre>
 */
public final class MledgerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MledgerServer.class);

  /** Body limit: well above MLflow's largest batches (1000 metrics, 100 long params/tags). */
  private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final ServerConfig config;
  private final Duration drainTimeout;
  private final InFlightRequests inFlight = new InFlightRequests();
  private final HttpMetrics metrics = new HttpMetrics(inFlight);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Javalin app;
  private java.util.Map<String, java.util.Set<io.javalin.http.HandlerType>> registeredRoutes =
      java.util.Map.of();
  private dev.mledger.server.monitor.MonitorApi monitors;
  private int port = -1;
  private State state = State.NEW;

  private enum State {
    NEW,
    STARTED,
    STOPPED
  }

  public MledgerServer(ServerConfig config) {
    this(config, DEFAULT_DRAIN_TIMEOUT);
  }

  /**
   * @param drainTimeout how long {@link #stop()} waits for in-flight requests before closing
   */
  public MledgerServer(ServerConfig config, Duration drainTimeout) {
    this.config = config;
    this.drainTimeout = drainTimeout;
  }

  /**
   * Binds and starts serving.
   *
   * @return the bound port (the chosen one when the configured port is 0)
   * @throws IllegalStateException if already started or stopped
   */
  public synchronized int start() {
    if (state != State.NEW) {
      throw new IllegalStateException("server already " + state.name().toLowerCase());
    }
    app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.jetty.defaultHost = config.host();
              cfg.jetty.defaultPort = config.port();
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              // MLflow (Flask) sends bodies uncompressed; so do we, for byte-identical responses.
              cfg.http.disableCompression();
            });
    Routes routes = new Routes(app, metrics, inFlight);
    OperationalRoutes.register(routes, config.version(), metrics, this::isServing);
    new MlflowTrackingApi(config.stores().tracking()).register(routes);
    new MlflowArtifactsApi(config.artifacts(), config.stores().tracking()).register(routes);
    new dev.mledger.server.gate.GateApi(
            new dev.mledger.server.gate.GateService(config.stores(), config.artifacts()))
        .register(routes);
    new dev.mledger.server.registry.MlflowRegistryApi(
            config.stores().registry(), config.stores().tracking())
        .register(routes);
    new dev.mledger.server.registry.NativeRegistryApi(config.stores().registry()).register(routes);
    new dev.mledger.server.envelope.EnvelopeApi(config.stores().envelopes()).register(routes);
    new dev.mledger.server.dataset.DatasetApi(config.stores().datasets(), config.datasetBlobs())
        .register(routes);
    new dev.mledger.server.llm.OtlpTraceApi(config.stores().llm()).register(routes);
    new dev.mledger.server.llm.LlmApi(config.stores().llm()).register(routes);
    new dev.mledger.server.lineage.LineageApi(config.stores().lineage(), config.stores().registry())
        .register(routes);
    new dev.mledger.server.audit.AuditApi(config.stores().audit()).register(routes);
    monitors =
        new dev.mledger.server.monitor.MonitorApi(
            config.stores(), config.host(), this::port, config.artifacts(), config.datasetBlobs());
    monitors.register(routes);
    dev.mledger.server.audit.RequestAuditScopes.install(app);
    new dev.mledger.server.ui.WebUi(config.stores().tracking()).register(routes);
    new dev.mledger.server.openapi.OpenApiDocument().register(routes);
    routes.finish();
    registeredRoutes = routes.registered();
    app.start();
    port = app.port();
    state = State.STARTED;
    LOG.info("mledger server listening on {}:{}", config.host(), port);
    try {
      monitors.resume();
    } catch (RuntimeException e) {
      // Serving matters more than catching up; the work stays pending for the next start.
      LOG.error("Could not resume unfinished monitoring work", e);
    }
    return port;
  }

  /** The bound port; only valid after {@link #start()}. */
  public synchronized int port() {
    if (state != State.STARTED) {
      throw new IllegalStateException("server is not running");
    }
    return port;
  }

  /**
   * The routes this server answers (Javalin path templates with their methods), for tooling and the
   * test that keeps the OpenAPI document complete; empty before {@link #start()}.
   */
  public synchronized java.util.Map<String, java.util.Set<io.javalin.http.HandlerType>> routes() {
    return registeredRoutes;
  }

  /** The meter registry behind {@code /metrics}, for callers that add their own meters. */
  public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /**
   * Stops gracefully: new requests are refused with 503 while in-flight ones finish (up to the
   * drain timeout), then the HTTP server closes. Idempotent; does not close the tracking store.
   */
  public void stop() {
    Javalin toStop;
    synchronized (this) {
      if (state != State.STARTED) {
        state = State.STOPPED;
        stopped.countDown();
        return;
      }
      state = State.STOPPED;
      toStop = app;
    }
    try {
      if (!inFlight.drain(drainTimeout)) {
        LOG.warn(
            "{} request(s) still running after {}; closing anyway",
            inFlight.active(),
            drainTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      toStop.stop();
      // After the last request: no new monitor work can arrive while the workers drain.
      monitors.close(drainTimeout);
      metrics.close();
      stopped.countDown();
      LOG.info("mledger server stopped");
    }
  }

  /** Blocks until {@link #stop()} has completed (for a CLI main thread). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    stop();
  }

  private boolean isServing() {
    return !inFlight.draining();
  }
}
