package dev.mledger.core.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.lineage.NodeId;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenLineageEventsTest {
  static final String FACET_BASE =
      "\"_producer\": \"https://example.org/p\", \"_schemaURL\": \"https://openlineage.io/s\"";

  static String event(String eventType, String extra) {
    return "{\"eventType\": "
        + eventType
        + ", \"eventTime\": \"2024-05-01T12:00:00.250Z\","
        + " \"producer\": \"https://github.com/OpenLineage/OpenLineage/tree/1.23.0/client/java\","
        + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
        + " \"run\": {\"runId\": \"3f5e83fa-3480-44ff-99c5-ff943904e5e8\"},"
        + " \"job\": {\"namespace\": \"etl\", \"name\": \"clean\"}"
        + extra
        + "}";
  }

  static OpenLineageEvent parse(String json) {
    return OpenLineageEvents.parse(CanonicalJson.parse(json));
  }

  @Test
  void parsesARunEventWithSchemaAndDataSourceFacets() {
    String json =
        event(
            "\"COMPLETE\"",
            ", \"inputs\": [{\"namespace\": \"file\", \"name\": \"/raw.csv\", \"facets\": {"
                + "\"schema\": {"
                + FACET_BASE
                + ", \"fields\": [{\"name\": \"x\", \"type\": \"DOUBLE\"}]},"
                + "\"dataSource\": {"
                + FACET_BASE
                + ", \"name\": \"file\", \"uri\": \"file:///raw.csv\"}}}],"
                + " \"outputs\": [{\"namespace\": \"file\", \"name\": \"/clean.csv\","
                + " \"facets\": {\"version\": {"
                + FACET_BASE
                + ", \"datasetVersion\": \"v7\"}}, \"outputFacets\": {}}]");

    RunEvent event = (RunEvent) parse(json);

    assertThat(event.eventType()).isEqualTo(EventType.COMPLETE);
    assertThat(event.eventTime()).isEqualTo(OffsetDateTime.parse("2024-05-01T12:00:00.250Z"));
    assertThat(event.runId()).isEqualTo("3f5e83fa-3480-44ff-99c5-ff943904e5e8");
    assertThat(event.jobNamespace()).isEqualTo("etl");
    assertThat(event.inputs().get(0).facets()).containsKeys("schema", "dataSource");
    assertThat(event.inputs().get(0).node())
        .isEqualTo(new NodeId.Dataset("file", "/raw.csv", null));
    assertThat(event.outputs().get(0).node())
        .isEqualTo(new NodeId.Dataset("file", "/clean.csv", "v7"));
    assertThat(event.digest()).hasSize(64);
  }

  @Test
  void theDigestIgnoresFormattingButNotContent() {
    String a = event("\"START\"", "");
    String b = a.replace(", ", ",\n   ");
    assertThat(parse(b).digest()).isEqualTo(parse(a).digest());
    assertThat(parse(event("\"COMPLETE\"", "")).digest()).isNotEqualTo(parse(a).digest());
  }

  @Test
  void eventTypeIsOptionalAndRunningIsAccepted() {
    assertThat(((RunEvent) parse(event("null", ""))).eventType()).isNull();
    assertThat(((RunEvent) parse(event("\"RUNNING\"", ""))).eventType())
        .isEqualTo(EventType.RUNNING);
  }

  @Test
  void javaZonedTimestampsWithAZoneIdAreAccepted() {
    String json = event("\"START\"", "").replace("12:00:00.250Z", "12:00:00+02:00[Europe/Paris]");
    assertThat(parse(json).eventTime().getOffset().getTotalSeconds()).isEqualTo(7200);
  }

  @Test
  void jobAndDatasetEvents() {
    String job =
        "{\"eventTime\": \"2024-05-01T12:00:00Z\", \"producer\": \"https://p\","
            + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent\","
            + " \"job\": {\"namespace\": \"etl\", \"name\": \"static\"},"
            + " \"inputs\": [{\"namespace\": \"db\", \"name\": \"a\"}]}";
    assertThat(parse(job)).isInstanceOf(JobEvent.class);
    String dataset =
        "{\"eventTime\": \"2024-05-01T12:00:00Z\", \"producer\": \"https://p\","
            + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\","
            + " \"dataset\": {\"namespace\": \"db\", \"name\": \"a\", \"facets\": {\"schema\":"
            + " {\"_deleted\": true}}}}";
    assertThat(((DatasetEvent) parse(dataset)).dataset().name()).isEqualTo("a");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"eventTime\": \"2024-05-01T12:00:00.250Z\"|\"eventTime\": \"2024-05-01T12:00:00\"|eventTime must be an RFC 3339 date-time",
        "\"eventTime\": \"2024-05-01T12:00:00.250Z\",|                                      |eventTime is required",
        "\"eventType\": \"COMPLETE\"|\"eventType\": \"DONE\"|eventType must be one of START, RUNNING",
        "\"runId\": \"3f5e83fa-3480-44ff-99c5-ff943904e5e8\"|\"runId\": \"run-1\"|run.runId must be a UUID",
        "\"runId\": \"3f5e83fa-3480-44ff-99c5-ff943904e5e8\"|\"runId\": \"3f5e83fa-3480-44ff-99c5-ff94390\"|run.runId must be a UUID",
        "\"namespace\": \"etl\", |                                          |job.namespace is required",
        "\"name\": \"clean\"|\"name\": 7|job.name must be a string",
        "\"producer\": \"https://github.com/OpenLineage/OpenLineage/tree/1.23.0/client/java\"|\"producer\": \"my producer\"|producer must be an absolute URI",
        "\"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\",|                     |schemaURL is required",
        "\"job\": {\"namespace\": \"etl\", \"name\": \"clean\"}|\"job\": [1]|job must be an object",
      })
  void invalidEventsAreRefusedNamingTheField(String replace, String with, String message) {
    String json = event("\"COMPLETE\"", "").replace(replace, with == null ? "" : with);
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(MledgerException.class)
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageStartingWith("Invalid OpenLineage event: " + message);
  }

  @Test
  void facetsMustCarryTheBaseFacetFields() {
    String json =
        event(
            "\"COMPLETE\"",
            ", \"inputs\": [{\"namespace\": \"file\", \"name\": \"/raw.csv\","
                + " \"facets\": {\"schema\": {\"fields\": []}}}]");
    assertThatThrownBy(() -> parse(json))
        .hasMessageContaining("inputs[0].facets.schema._producer is required");
    String notObject =
        event(
            "\"COMPLETE\"",
            ", \"outputs\": [{\"namespace\": \"f\", \"name\": \"n\","
                + " \"facets\": {\"schema\": 3}}]");
    assertThatThrownBy(() -> parse(notObject))
        .hasMessageContaining("outputs[0].facets.schema must be an object");
    assertThatThrownBy(() -> parse(event("\"COMPLETE\"", ", \"inputs\": {}")))
        .hasMessageContaining("inputs must be an array");
  }

  @Test
  void somethingThatIsNoEventAtAll() {
    assertThatThrownBy(() -> OpenLineageEvents.parse(java.util.List.of()))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"eventTime\": \"2024-05-01T12:00:00Z\", \"producer\":"
                        + " \"https://p\", \"schemaURL\": \"https://s\"}"))
        .hasMessageContaining("needs 'run' and 'job'");
  }
}
