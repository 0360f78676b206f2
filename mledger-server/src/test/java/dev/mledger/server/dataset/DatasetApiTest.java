package dev.mledger.server.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.ManifestEntry;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.dataset.NewDatasetVersion;
import dev.mledger.store.dataset.TabularProfiler;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetApiTest {
  @TempDir static Path dir;
  private static RunningServer server;

  @BeforeAll
  static void start() throws IOException {
    server = RunningServer.sqlite(dir);
    add("1.0.0", "id,v,c\n1,10,x\n2,20,y\n", "a".repeat(64));
    add("1.1.0", "id,v,n\n1,12,1\n2,22,2\n3,32,3\n", "b".repeat(64));
    addStored("1.0.0", "id,score\n1,10\n2,20\n3,30\n");
    addStored("1.1.0", "id,score\n1,10\n2,25\n4,40\n");
  }

  /** A version of "people" whose bytes are in the server's dataset store, keyed by id. */
  private static void addStored(String version, String csv) throws IOException {
    Path file = Files.createDirectories(dir.resolve("people-" + version)).resolve("people.csv");
    Files.writeString(file, csv);
    String sha = server.datasetBlobs().put(Files.newInputStream(file)).sha256();
    server
        .stores()
        .datasets()
        .add(
            new NewDatasetVersion(
                "people",
                SemanticVersion.parse(version),
                VersionBump.MINOR,
                DatasetKind.FILE,
                "people.csv",
                List.of(new ManifestEntry("people.csv", csv.length(), sha)),
                new Provenance(null, null, null, null, null, "alice"),
                List.of("id"),
                TabularProfiler.profile(file)),
            "alice");
  }

  private static void add(String version, String csv, String sha) throws IOException {
    Path file = dir.resolve("t-" + version + ".csv");
    Files.writeString(file, csv);
    server
        .stores()
        .datasets()
        .add(
            new NewDatasetVersion(
                "table",
                SemanticVersion.parse(version),
                VersionBump.MINOR,
                DatasetKind.FILE,
                "t.csv",
                List.of(new ManifestEntry("t.csv", csv.length(), sha)),
                new Provenance("src", "team", "MIT", List.of(), null, "alice"),
                List.of("id"),
                TabularProfiler.profile(file)),
            "alice");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listsDatasetsAndVersions() {
    JsonNode list = RunningServer.json(server.get("/api/v1/datasets"));
    assertThat(list.path("datasets").get(0).path("current_version").asText()).isEqualTo("1.1.0");
    JsonNode dataset = RunningServer.json(server.get("/api/v1/datasets/table"));
    assertThat(dataset.path("versions")).hasSize(2);
    assertThat(dataset.path("events").get(1).path("previous_version").asText()).isEqualTo("1.0.0");
    JsonNode version = RunningServer.json(server.get("/api/v1/datasets/table/versions/1.0.0"));
    assertThat(version.path("license").asText()).isEqualTo("MIT");
    assertThat(version.path("profile").path("rows").asLong()).isEqualTo(2);
    JsonNode profile =
        RunningServer.json(server.get("/api/v1/datasets/table/versions/1.1.0/profile"));
    assertThat(profile.path("columns")).hasSize(3);
  }

  @Test
  void listingDescribesTheCurrentVersion() {
    JsonNode row = null;
    for (JsonNode d : RunningServer.json(server.get("/api/v1/datasets")).path("datasets")) {
      row = d.path("name").asText().equals("table") ? d : row;
    }
    assertThat(row).isNotNull();
    assertThat(row.path("latest_version").asText()).isEqualTo("1.1.0");
    assertThat(row.path("versions").asLong()).isEqualTo(2);
    assertThat(row.path("kind").asText()).isEqualTo("file");
    assertThat(row.path("size").asLong()).isEqualTo("id,v,n\n1,12,1\n2,22,2\n3,32,3\n".length());
    assertThat(row.path("files").asLong()).isEqualTo(1);
    assertThat(row.path("rows").asLong()).isEqualTo(3);
    assertThat(row.path("owner").asText()).isEqualTo("team");
    assertThat(row.path("license").asText()).isEqualTo("MIT");
    assertThat(row.path("created_at").asLong()).isPositive();
  }

  @Test
  void checksAVersionAgainstAContractWithoutAuditingIt() {
    // The versions added in setup are audited; checking them adds nothing.
    var auditHead = server.stores().audit().head();
    assertThat(auditHead).isPresent();
    HttpResponse<String> response =
        server.post(
            "/api/v1/datasets/table/versions/1.0.0/check",
            "schema:\n  columns: [id, {name: v, type: numeric}, n]\nrow_count: {min: 1}\n"
                + "license: {allowed: [mit]}\n");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode report = RunningServer.json(response);
    assertThat(report.path("version").asText()).isEqualTo("1.0.0");
    assertThat(report.path("status").asText()).isEqualTo("block");
    assertThat(report.path("passed").asBoolean()).isFalse();
    assertThat(report.path("checks").toString()).contains("required column 'n' is missing");

    JsonNode passing =
        RunningServer.json(
            server.post(
                "/api/v1/datasets/table/versions/1.1.0/check", "{\"row_count\": {\"min\": 3}}"));
    assertThat(passing.path("status").asText()).isEqualTo("pass");
    assertThat(server.stores().audit().head()).isEqualTo(auditHead);

    HttpResponse<String> bad =
        server.post("/api/v1/datasets/table/versions/1.0.0/check", "rows: {min: 1}\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(bad).path("message").asText()).contains("contract");
  }

  @Test
  void diffsProfilesAndManifests() {
    JsonNode diff =
        RunningServer.json(server.get("/api/v1/datasets/table/diff?from=1.0.0&to=1.1.0"));
    assertThat(diff.path("files").path("modified").asLong()).isEqualTo(1);
    JsonNode table = diff.path("table");
    assertThat(table.path("rows_from").asLong()).isEqualTo(2);
    assertThat(table.path("rows_to").asLong()).isEqualTo(3);
    assertThat(table.path("schema_changes")).hasSize(2);
    assertThat(table.path("columns").get(1).path("column").asText()).isEqualTo("v");
    assertThat(table.path("columns").get(1).path("mean_to").asDouble()).isEqualTo(22.0);
  }

  @Test
  void rowLevelDiffReadsTheStoredBytesWhenAsked() {
    JsonNode diff =
        RunningServer.json(
            server.get("/api/v1/datasets/people/diff?from=1.0.0&to=1.1.0&rows=true"));
    assertThat(diff.path("row_diff_note").isNull()).isTrue();
    JsonNode rows = diff.path("row_diff").path("rows");
    assertThat(rows.path("key").toString()).isEqualTo("[\"id\"]");
    assertThat(rows.path("added").asLong()).isEqualTo(1);
    assertThat(rows.path("removed").asLong()).isEqualTo(1);
    assertThat(rows.path("changed").asLong()).isEqualTo(1);
    assertThat(rows.path("unchanged").asLong()).isEqualTo(1);
    assertThat(diff.path("row_diff").path("columns"))
        .extracting(c -> c.path("column").asText())
        .contains("score");
    diff.path("row_diff").path("columns").forEach(c -> assertThat(c.has("test")).isTrue());

    JsonNode same =
        RunningServer.json(
            server.get("/api/v1/datasets/people/diff?from=1.1.0&to=1.1.0&rows=true"));
    assertThat(same.at("/row_diff/rows/unchanged").asLong()).isEqualTo(3);

    JsonNode plain =
        RunningServer.json(server.get("/api/v1/datasets/people/diff?from=1.0.0&to=1.1.0"));
    assertThat(plain.has("row_diff")).isFalse();

    // Versions recorded elsewhere: the answer says why rows are not compared, and how to.
    JsonNode missing =
        RunningServer.json(server.get("/api/v1/datasets/table/diff?from=1.0.0&to=1.1.0&rows=true"));
    assertThat(missing.path("row_diff").isNull()).isTrue();
    assertThat(missing.path("row_diff_note").asText())
        .contains(
            "not in this server's dataset store", "mledger data diff table@1.0.0 table@1.1.0");
  }

  @Test
  void errorsAreMlflowShaped() {
    HttpResponse<String> missing = server.get("/api/v1/datasets/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(RunningServer.json(missing).path("error_code").asText())
        .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    HttpResponse<String> badVersion = server.get("/api/v1/datasets/table/versions/latest");
    assertThat(badVersion.statusCode()).isEqualTo(400);
    assertThat(RunningServer.json(badVersion).path("error_code").asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(server.get("/api/v1/datasets/table/diff?from=1.0.0").statusCode()).isEqualTo(400);
  }
}
