package dev.mledger.server.mlflow;

import static dev.mledger.server.testing.RunningServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.testing.TestPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.RunsPage;

/** The main tracking flows, over HTTP and through the MLflow client, on SQLite and PostgreSQL. */
class MainFlowsOnBothBackendsTest {
  private static final AtomicInteger DIRECTORIES = new AtomicInteger();
  @TempDir static Path dir;

  static Stream<String> backends() {
    return Stream.of("sqlite", "postgresql");
  }

  /** SQLite in a fresh directory, or a fresh clone of the shared test PostgreSQL's template. */
  private static RunningServer serverOn(String backend) throws IOException {
    Path root = Files.createDirectories(dir.resolve(backend + DIRECTORIES.incrementAndGet()));
    if (backend.equals("sqlite")) {
      return RunningServer.sqlite(root);
    }
    return RunningServer.onStore(TestPostgres.storeUri(TestPostgres.newDatabase("flows")), root);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void trackExperimentsRunsAndMetrics(String backend) throws IOException {
    try (RunningServer server = serverOn(backend);
        MlflowClient client = new MlflowClient(server.base().toString())) {
      String experimentId = client.createExperiment("flows");
      assertThat(client.getExperimentByName("flows")).isPresent();

      for (int i = 0; i < 4; i++) {
        String runId = client.createRun(experimentId).getRunId();
        client.logBatch(
            runId,
            List.of(
                Metric.newBuilder()
                    .setKey("rmse")
                    .setValue(1.0 / (i + 1))
                    .setTimestamp(10)
                    .setStep(0)
                    .build(),
                Metric.newBuilder()
                    .setKey("rmse")
                    .setValue(0.5 / (i + 1))
                    .setTimestamp(20)
                    .setStep(1)
                    .build()),
            List.of(Param.newBuilder().setKey("i").setValue(Integer.toString(i)).build()),
            List.of());
        client.setTerminated(runId);
      }
      RunsPage page =
          client.searchRuns(
              List.of(experimentId),
              "metrics.rmse < 0.3",
              ViewType.ACTIVE_ONLY,
              10,
              List.of("metrics.rmse ASC"));
      assertThat(page.getItems())
          .extracting(r -> r.getData().getParamsList().get(0).getValue())
          .containsExactly("3", "2", "1");

      RunInfo first = page.getItems().get(0).getInfo();
      assertThat(client.getMetricHistory(first.getRunId(), "rmse")).hasSize(2);
      client.deleteRun(first.getRunId());
      assertThat(client.searchRuns(List.of(experimentId), null, ViewType.DELETED_ONLY)).hasSize(1);

      HttpResponse<String> search =
          server.post(
              "/ajax-api/2.0/mlflow/runs/search",
              "{\"experiment_ids\": [\"" + experimentId + "\"], \"max_results\": 2}");
      JsonNode body = json(search);
      assertThat(body.get("runs")).hasSize(2);
      assertThat(body.get("next_page_token").asText()).isNotEmpty();

      HttpResponse<String> missing =
          server.get("/api/2.0/mlflow/experiments/get?experiment_id=98765");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(json(missing).get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }
  }
}
