package dev.mledger.server.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.store.monitor.MonitorStore;
import dev.mledger.store.monitor.PendingDelivery;
import dev.mledger.store.monitor.StoredAlert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert notifications to a monitor's webhook in the background. The body is signed with
 * HMAC-SHA256 over its exact bytes ({@value #SIGNATURE_HEADER}: {@code sha256=<hex>}); a non-2xx
 * answer or a connection failure is retried with exponential backoff, and every attempt is recorded
 * in the delivery log. The log is also the queue's durable state: on {@link #close} an attempt in
 * flight finishes, backoff waits are cut short, and whatever is undelivered is {@link #resume
 * resumed} with the next attempt number when the server starts again.
 */
public final class WebhookNotifier implements AutoCloseable {
  /** The header carrying the signature. */
  public static final String SIGNATURE_HEADER = "X-Mledger-Signature";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final MonitorStore store;
  private final HttpClient http;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final java.util.concurrent.ThreadPoolExecutor executor;
  private volatile boolean closing;

  /**
   * @param maxAttempts attempts per notification (at least 1)
   * @param firstBackoff wait before the second attempt; doubles per attempt
   */
  public WebhookNotifier(MonitorStore store, int maxAttempts, Duration firstBackoff) {
    this.store = store;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.firstBackoff = firstBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.executor = WindowReportQueue.Workers.idleExiting("mledger-webhooks");
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

  /** Attempts per notification. */
  int maxAttempts() {
    return maxAttempts;
  }

  /** Queues a notification about {@code alertId}. */
  void notify(String monitorId, String alertId, String url, String secret, String bodyJson) {
    enqueue(monitorId, alertId, url, secret, bodyJson, 1);
  }

  /** Queues the deliveries a previous run left unfinished, continuing their attempt count. */
  void resume(List<PendingDelivery> pending) {
    for (PendingDelivery p : pending) {
      enqueue(
          p.alert().monitorId(),
          p.alert().id(),
          p.webhookUrl(),
          p.webhookSecret(),
          body(p.alert().monitorId(), p.monitorName(), p.alert()),
          p.attemptsMade() + 1);
    }
    if (!pending.isEmpty()) {
      LOG.info("Resuming {} unfinished webhook deliveries", pending.size());
    }
  }

  /** The notification body of an alert. */
  static String body(String monitorId, String monitorName, StoredAlert alert) {
    ObjectNode body = MonitorJson.JSON.createObjectNode();
    body.put("monitor_id", monitorId);
    body.put("monitor", monitorName);
    body.set("alert", MonitorJson.alertJson(alert));
    return body.toString();
  }

  private void enqueue(
      String monitorId, String alertId, String url, String secret, String json, int first) {
    if (closing) {
      return; // stays undelivered in the log; resumed on the next start
    }
    try {
      executor.execute(() -> deliver(monitorId, alertId, url, secret, json, first));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: the same.
    }
  }

  private void deliver(
      String monitorId, String alertId, String url, String secret, String json, int first) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    long backoff = firstBackoff.toMillis() << Math.min(20, first - 1);
    for (int attempt = first; attempt <= maxAttempts; attempt++) {
      if (closing) {
        return;
      }
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
          sleepUnlessClosing(backoff);
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

  private final Object sleeper = new Object();

  /** Sleeps for a backoff, waking early when the notifier closes. */
  private void sleepUnlessClosing(long millis) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (sleeper) {
      long left;
      while (!closing && (left = until - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(sleeper, left);
      }
    }
  }

  /**
   * Stops taking notifications, lets an attempt in flight finish for up to {@code timeout} and
   * leaves everything undelivered in the log for {@link #resume}.
   */
  void close(Duration timeout) {
    closing = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    WindowReportQueue.Workers.shutdown(executor, timeout, "webhook delivery");
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
