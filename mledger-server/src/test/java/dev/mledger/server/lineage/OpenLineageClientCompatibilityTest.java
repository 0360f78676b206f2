package dev.mledger.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real io.openlineage:openlineage-java client, with its HTTP transport, against our server. */
class OpenLineageClientCompatibilityTest {
  @TempDir Path dir;
  RunningServer server;
  OpenLineageClient client;
  final OpenLineage ol = new OpenLineage(URI.create("https://github.com/mledger/tests"));

  @BeforeEach
  void start() {
    server = RunningServer.sqlite(dir);
    client =
        OpenLineageClient.builder()
            .transport(HttpTransport.builder().uri(server.base()).build())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  private OpenLineage.InputDataset raw() {
    return ol.newInputDatasetBuilder()
        .namespace("postgres://warehouse:5432")
        .name("sales.raw_orders")
        .facets(
            ol.newDatasetFacetsBuilder()
                .schema(
                    ol.newSchemaDatasetFacetBuilder()
                        .fields(
                            List.of(
                                ol.newSchemaDatasetFacetFieldsBuilder()
                                    .name("order_id")
                                    .type("BIGINT")
                                    .build(),
                                ol.newSchemaDatasetFacetFieldsBuilder()
                                    .name("amount")
                                    .type("DOUBLE")
                                    .build()))
                        .build())
                .dataSource(
                    ol.newDatasourceDatasetFacetBuilder()
                        .name("warehouse")
                        .uri(URI.create("postgres://warehouse:5432"))
                        .build())
                .build())
        .build();
  }

  private OpenLineage.OutputDataset clean() {
    return ol.newOutputDatasetBuilder()
        .namespace("file")
        .name("/lake/clean_orders.parquet")
        .build();
  }

  private OpenLineage.RunEvent event(
      OpenLineage.RunEvent.EventType type, UUID runId, String job, boolean withOutputs) {
    return ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.now())
        .run(ol.newRunBuilder().runId(runId).build())
        .job(ol.newJobBuilder().namespace("pipelines").name(job).build())
        .inputs(List.of(raw()))
        .outputs(withOutputs ? List.of(clean()) : List.of())
        .build();
  }

  private JsonNode graph(String nodeId) {
    return RunningServer.json(
        server.get(
            "/api/v1/lineage?depth=5&nodeId=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8)));
  }

  @Test
  void startCompleteAndFailEventsFromTheRealClientBuildTheGraph() {
    UUID ok = UUID.randomUUID();
    client.emit(event(OpenLineage.RunEvent.EventType.START, ok, "clean_orders", false));
    client.emit(event(OpenLineage.RunEvent.EventType.COMPLETE, ok, "clean_orders", true));
    UUID failed = UUID.randomUUID();
    client.emit(event(OpenLineage.RunEvent.EventType.START, failed, "audit_orders", false));
    client.emit(event(OpenLineage.RunEvent.EventType.FAIL, failed, "audit_orders", false));

    String rawId = "dataset:postgres:%2F%2Fwarehouse:5432/sales.raw_orders";
    JsonNode g = graph(rawId);
    List<String> ids = new ArrayList<>();
    g.get("graph").forEach(n -> ids.add(n.get("id").asText()));
    assertThat(ids)
        .containsExactlyInAnyOrder(
            rawId,
            "job:pipelines/clean_orders",
            "job:pipelines/audit_orders",
            "dataset:file//lake/clean_orders.parquet");

    JsonNode rawNode = g.get("graph").get(0);
    assertThat(rawNode.get("type").asText()).isEqualTo("DATASET");
    assertThat(rawNode.at("/data/facets/schema/fields/1/name").asText()).isEqualTo("amount");
    assertThat(rawNode.at("/data/facets/dataSource/uri").asText())
        .isEqualTo("postgres://warehouse:5432");
    assertThat(rawNode.at("/data/facets/schema/_producer").asText())
        .isEqualTo("https://github.com/mledger/tests");
    assertThat(rawNode.get("outEdges")).hasSize(2);

    JsonNode failedJob = graph("job:pipelines/audit_orders").get("graph").get(0);
    assertThat(failedJob.at("/data/latestRun/eventType").asText()).isEqualTo("FAIL");
    assertThat(failedJob.at("/data/latestRun/runId").asText()).isEqualTo(failed.toString());

    JsonNode events = RunningServer.json(server.get("/api/v1/lineage/events?runId=" + ok));
    assertThat(events.get("events")).hasSize(2);
    assertThat(events.at("/events/0/event/schemaURL").asText()).contains("OpenLineage.json");
  }

  @Test
  void theClientSeesOurRefusalOfAnInvalidEvent() {
    // A facet without its required base fields is refused with 400, which the client reports.
    OpenLineage.RunEvent bad =
        ol.newRunEventBuilder()
            .eventType(OpenLineage.RunEvent.EventType.START)
            .eventTime(ZonedDateTime.now())
            .run(ol.newRunBuilder().runId(UUID.randomUUID()).build())
            .job(ol.newJobBuilder().namespace("").name("x").build())
            .build();
    assertThatThrownBy(() -> client.emit(bad)).hasMessageContaining("400");
  }
}
