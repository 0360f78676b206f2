package dev.mledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.error.MledgerException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorClientTest {

  private static String createMonitor(String uri) throws Exception {
    StringBuilder reference = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      reference
          .append(i == 0 ? "" : ",")
          .append("{\"features\":{\"x\":")
          .append(i % 17)
          .append("}}");
    }
    String body =
        "{\"name\":\"m\",\"model\":\"churn\",\"reference\":\"run:r\","
            + "\"features\":[{\"name\":\"x\",\"type\":\"numeric\"}],\"window\":{\"count\":50},"
            + "\"reference_rows\":["
            + reference
            + "]}";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(uri + "/api/v1/monitors"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body()).get("monitor").get("id").asText();
  }

  @Test
  void sendsInBatchesAndReportsRejectedRowsByOverallIndex(@TempDir Path dir) throws Exception {
    try (TestServer server = new TestServer(dir);
        MledgerClient client = server.client()) {
      String id = createMonitor(server.uri());
      List<MonitorClient.Event> events = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Object x = i == 57 ? "not a number" : (Object) (double) (i % 17);
        events.add(
            new MonitorClient.Event(Map.of("x", x), null, null, 3.0, 0.01, 1_700_000_000_000L + i));
      }
      MonitorClient.SendResult result =
          client
              .monitors()
              .withBatchSize(40)
              .sendAndAwaitReports(id, events, Duration.ofSeconds(30));
      assertThat(result.accepted()).isEqualTo(99);
      assertThat(result.rejected())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.index()).isEqualTo(57);
                assertThat(r.reason()).contains("feature 'x' must be a number");
              });
      assertThat(result.reports()).hasSize(1);
      assertThat(client.monitors().monitor(id).get("reported_through").asLong()).isEqualTo(50);
      assertThat(client.monitors().reports(id, 10).get(0).get("id").asText())
          .isEqualTo(result.reports().get(0));
      // 49 pending + 59 accepted close the windows ending at events 100 and 150, listed alone.
      MonitorClient.SendResult more =
          client.monitors().sendAndAwaitReports(id, events.subList(0, 60), Duration.ofSeconds(30));
      assertThat(more.reports()).hasSize(2).doesNotContain(result.reports().get(0));
      assertThat(client.monitors().send(id, events.subList(0, 1)).reports()).isEmpty();
      // This monitor declares no embedding_dimension: an embedding is refused with the reason.
      MonitorClient.SendResult embedded =
          client.monitors().send(id, List.of(events.get(0).withEmbedding(new double[] {1, 2})));
      assertThat(embedded.rejected())
          .singleElement()
          .satisfies(r -> assertThat(r.reason()).contains("this monitor takes no embeddings"));
      assertThatThrownBy(() -> client.monitors().approveRetrain("nope", "ana", "ok"))
          .isInstanceOf(MledgerException.class)
          .hasMessageContaining("Retraining attempt 'nope' does not exist");
      assertThatThrownBy(() -> client.monitors().rejectRetrain("nope", "ana", null))
          .isInstanceOf(MledgerException.class)
          .hasMessageContaining("does not exist");
      JsonNode second =
          client
              .monitors()
              .create(
                  new ObjectMapper()
                      .readTree(
                          "{\"name\":\"m2\",\"model\":\"churn\",\"reference\":\"run:r\","
                              + "\"features\":[{\"name\":\"x\",\"type\":\"numeric\"}],"
                              + "\"embedding_dimension\":2,"
                              + "\"reference_rows\":[{\"features\":{\"x\":1},\"embedding\":[0,1]}]}"));
      assertThat(second.get("embedding_dimension").asInt()).isEqualTo(2);
      assertThat(client.monitors().monitor(second.get("id").asText()).get("name").asText())
          .isEqualTo("m2");
      assertThat(
              client
                  .monitors()
                  .send(
                      second.get("id").asText(),
                      List.of(events.get(0).withEmbedding(new double[] {0.5, 0.5})))
                  .accepted())
          .isEqualTo(1);
      assertThatThrownBy(() -> client.monitors().send("nope", events.subList(0, 1)))
          .isInstanceOf(MledgerException.class)
          .hasMessageContaining("Monitor with id=nope not found");
    }
  }
}
