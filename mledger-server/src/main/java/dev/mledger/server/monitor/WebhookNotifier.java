package dev.mledger.server.monitor;

import dev.mledger.store.monitor.MonitorStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert notifications to a monitor's webhook in the background. The body is signed with
 * HMAC-SHA256 over its exact bytes ({@value #SIGNATURE_HEADER}: {@code sha256=<hex>}); a non-2xx
 * answer or a connection failure is retried with exponential backoff, and every attempt is recorded
 * in the delivery log.
 */
public final class WebhookNotifier implements AutoCloseable {
  /** The header carrying the signature. */
  public static final String SIGNATURE_HEADER = "X-Mledger-Signature";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final MonitorStore store;
  private final HttpClient http;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final ExecutorService executor;

  /**
   * @param maxAttempts attempts per notification (at least 1)
   * @param firstBackoff wait before the second attempt; doubles per attempt
   */
  public WebhookNotifier(MonitorStore store, int maxAttempts, Duration firstBackoff) {
    this.store = store;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.firstBackoff = firstBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.executor = idleExiting("mledger-webhooks");
  }

  /** The signature header value of {@code body} under {@code secret}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Queues a notification about {@code alertId}. */
  void notify(String monitorId, String alertId, String url, String secret, String bodyJson) {
    executor.execute(() -> deliver(monitorId, alertId, url, secret, bodyJson));
  }

  private void deliver(String monitorId, String alertId, String url, String secret, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    long backoff = firstBackoff.toMillis();
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Integer status = null;
      String error = null;
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Mledger-Delivery-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
          request.header(SIGNATURE_HEADER, sign(secret, body));
        }
        status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
          error = "HTTP " + status;
        }
      } catch (java.io.IOException | IllegalArgumentException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "interrupted";
      }
      boolean ok = error == null;
      try {
        store.recordDelivery(monitorId, alertId, attempt, status, error, ok);
      } catch (RuntimeException e) {
        LOG.warn("Cannot record webhook delivery of alert {}: {}", alertId, e.toString());
      }
      if (ok || Thread.currentThread().isInterrupted()) {
        return;
      }
      if (attempt < maxAttempts) {
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff *= 2;
      } else {
        LOG.warn("Webhook for alert {} failed after {} attempts: {}", alertId, attempt, error);
      }
    }
  }

  /** Waits up to {@code timeout} for queued deliveries, then stops. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One worker that exits when idle, so a stopped server leaves no thread behind. */
  private static ExecutorService idleExiting(String name) {
    java.util.concurrent.ThreadPoolExecutor executor =
        new java.util.concurrent.ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
