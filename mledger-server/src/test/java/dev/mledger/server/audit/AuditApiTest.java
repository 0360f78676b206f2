package dev.mledger.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit listing the web UI pages through: order, cursors, filters, totals and facets. */
class AuditApiTest {
  @TempDir static Path dir;
  static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.sqlite(dir);
    for (int i = 1; i <= 25; i++) {
      server
          .stores()
          .audit()
          .append(
              i % 5 == 0 ? "carol" : "alice",
              i % 2 == 0 ? "dataset.add" : "registry.stage",
              i % 2 == 0 ? "dataset" : "model_version",
              "subject-" + i,
              Map.of("i", i));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pagesNewestFirstWithABeforeCursorAndATotal() {
    List<Long> seen = new ArrayList<>();
    String next = "";
    for (int page = 0; page < 10 && next != null; page++) {
      JsonNode body = ok("/api/v1/audit?order=desc&limit=10" + next);
      assertThat(body.get("total").asLong()).isEqualTo(25);
      body.get("entries").forEach(e -> seen.add(e.get("sequence").asLong()));
      next = body.get("next_before").isNull() ? null : "&before=" + body.get("next_before");
    }
    assertThat(seen).hasSize(25).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(seen.get(0)).isEqualTo(25);
  }

  @Test
  void oldestFirstStaysTheDefaultWithTheAfterCursor() {
    JsonNode body = ok("/api/v1/audit?limit=2&after=3");
    assertThat(body.get("entries"))
        .extracting(e -> e.get("sequence").asLong())
        .containsExactly(4L, 5L);
    assertThat(body.get("next_after").asLong()).isEqualTo(5);
    assertThat(body.has("next_before")).isFalse();
  }

  @Test
  void filtersBySubjectTypeAndActor() {
    JsonNode body = ok("/api/v1/audit?order=desc&subject_type=dataset&actor=carol");
    assertThat(body.get("entries"))
        .extracting(e -> e.get("subjectId").asText())
        .containsExactly("subject-20", "subject-10");
    assertThat(body.get("total").asLong()).isEqualTo(2);
    assertThat(ok("/api/v1/audit?subject_type=model_version").get("total").asLong()).isEqualTo(13);
  }

  @Test
  void facetsListSubjectTypesAndActors() {
    JsonNode facets = ok("/api/v1/audit/facets");
    assertThat(facets.get("subject_types"))
        .extracting(JsonNode::asText)
        .containsExactly("dataset", "model_version");
    assertThat(facets.get("actors")).extracting(JsonNode::asText).containsExactly("alice", "carol");
  }

  @Test
  void badParametersAreOneLineErrors() {
    assertBad("/api/v1/audit?order=sideways", "'order' must be 'asc'");
    assertBad("/api/v1/audit?order=desc&after=3", "'after' pages in the other order");
    assertBad("/api/v1/audit?before=x&order=desc", "'before' must be an integer");
    assertBad("/api/v1/audit?order=desc&before=-1", "cursor");
    assertBad("/api/v1/audit?limit=0", "'limit' must be between 1 and 1000");
  }

  private static void assertBad(String path, String message) {
    HttpResponse<String> response = server.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    JsonNode body = RunningServer.json(response);
    assertThat(body.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(body.get("message").asText()).contains(message).doesNotContain("\n");
  }

  private static JsonNode ok(String path) {
    HttpResponse<String> response = server.get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningServer.json(response);
  }
}
