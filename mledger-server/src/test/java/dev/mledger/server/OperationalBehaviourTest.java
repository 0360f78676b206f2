package dev.mledger.server;

import static dev.mledger.server.testing.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.server.testing.DelegatingStore;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.Stores;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, version, metrics, unexpected failures and graceful shutdown. */
class OperationalBehaviourTest {
  @TempDir Path dir;

  @Test
  void healthVersionAndMetrics() {
    try (RunningServer server = RunningServer.sqlite(dir)) {
      HttpResponse<String> health = server.get("/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("OK");
      assertThat(server.get("/version").body()).isEqualTo(RunningServer.VERSION);

      server.get("/api/2.0/mlflow/experiments/get?experiment_id=0");
      server.get("/api/2.0/mlflow/experiments/get?experiment_id=12345");
      HttpResponse<String> metrics = server.get("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(metrics.body())
          .contains("http_server_requests_seconds_count{")
          .containsPattern(
              "http_server_requests_seconds_count\\{[^}]*method=\"GET\""
                  + "[^}]*status=\"200\"[^}]*uri=\"/api/2.0/mlflow/experiments/get\"[^}]*} 1")
          .containsPattern("status=\"404\"[^}]*uri=\"/api/2.0/mlflow/experiments/get\"")
          .contains("jvm_memory_used_bytes")
          .contains("http_server_requests_active");
    }
  }

  @Test
  void lifecycleIsStartOnceStopMany() {
    RunningServer server = RunningServer.sqlite(dir);
    try {
      assertThat(server.server().port()).isEqualTo(server.base().getPort());
      org.assertj.core.api.Assertions.assertThatThrownBy(server.server()::start)
          .isInstanceOf(IllegalStateException.class);
    } finally {
      server.close();
    }
    server.server().stop();
    org.assertj.core.api.Assertions.assertThatThrownBy(server.server()::port)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unexpectedFailuresAreGeneric500s() {
    Stores storesF = Stores.open("sqlite:///" + dir.resolve("f.db"), "file:///a");
    DelegatingStore failing =
        new DelegatingStore(storesF.tracking()) {
          @Override
          protected void beforeGetRun(String runId) {
            throw new IllegalStateException("secret internals at line 42");
          }
        };
    try (RunningServer server = RunningServer.wrapping(storesF, failing, Duration.ofSeconds(5))) {
      HttpResponse<String> response = server.get("/api/2.0/mlflow/runs/get?run_id=abc");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(json(response).get("error_code").asText()).isEqualTo("INTERNAL_ERROR");
      assertThat(response.body()).doesNotContain("secret").doesNotContain("Exception");
    }
  }

  @Test
  void stopDrainsInFlightRequestsAndRefusesNewOnes() throws Exception {
    Stores storesS = Stores.open("sqlite:///" + dir.resolve("s.db"), "file:///a");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DelegatingStore slow =
        new DelegatingStore(storesS.tracking()) {
          @Override
          protected void beforeGetRun(String runId) {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    RunningServer server = RunningServer.wrapping(storesS, slow, Duration.ofSeconds(20));
    try {
      CompletableFuture<HttpResponse<String>> inFlight =
          CompletableFuture.supplyAsync(() -> server.get("/api/2.0/mlflow/runs/get?run_id=nope"));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(server.server()::stop);
      Thread.sleep(300);
      assertThat(stopping).isNotDone();
      HttpResponse<String> refused = server.get("/api/2.0/mlflow/experiments/get?experiment_id=0");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(json(refused).get("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
      assertThat(server.get("/health").statusCode()).isEqualTo(503);

      release.countDown();
      HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
      assertThat(finished.statusCode()).isEqualTo(404); // the run does not exist: a real answer
      stopping.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      server.close();
    }
  }
}
