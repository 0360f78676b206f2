package dev.mledger.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mledger data add|show|diff} on Parquet, with the CSV/Parquet twin fixtures of {@code
 * src/test/resources/drift/} (written by the reference Parquet writer, see {@code DriftFixtures}).
 */
class DataParquetTest {
  @TempDir Path dir;
  private Path data;
  private Path work;

  private DataCli.Result run(Object... args) {
    return DataCli.run(data, args);
  }

  private static JsonNode json(DataCli.Result r) throws IOException {
    return DataCli.json(r);
  }

  @BeforeEach
  void setUp() throws IOException {
    data = dir.resolve("store");
    work = Files.createDirectories(dir.resolve("work"));
  }

  private Path fixture(String name) throws IOException {
    Path file = work.resolve(name);
    try (InputStream in = DataParquetTest.class.getResourceAsStream("/drift/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void addProfilesParquetWithItsDeclaredTypes() throws IOException {
    JsonNode added = json(run("data", "add", fixture("ref.parquet"), "--name", "p", "--json"));
    assertThat(added.path("rows").asLong()).isEqualTo(1000);

    JsonNode shown = json(run("data", "show", "p@1.0.0", "--json"));
    JsonNode profile = shown.path("profile");
    assertThat(profile.path("format").asText()).isEqualTo("parquet");
    assertThat(profile.path("rows").asLong()).isEqualTo(1000);
    List<String> types = new ArrayList<>();
    profile
        .path("columns")
        .forEach(c -> types.add(c.path("name").asText() + ":" + c.path("source_type").asText()));
    assertThat(types)
        .containsExactly(
            "age:INT64", "income:DOUBLE", "segment:BYTE_ARRAY (STRING)", "score:DOUBLE");
    JsonNode income = profile.path("columns").get(1);
    assertThat(income.path("missing").asLong()).isPositive();
    assertThat(income.path("mean").asDouble()).isPositive();

    DataCli.Result text = run("data", "show", "p");
    assertThat(text.out()).contains("1000 rows (parquet)").contains("numeric INT64");
  }

  @Test
  void csvAndParquetOfTheSameDataShowNoRowChanges() throws IOException {
    json(run("data", "add", fixture("ref.csv"), "--name", "t", "--json"));
    json(run("data", "add", fixture("ref.parquet"), "--name", "t", "--json"));

    JsonNode diff = json(run("data", "diff", "t@1.0.0", "t@1.1.0", "--json"));

    assertThat(diff.path("identical").asBoolean()).isFalse();
    JsonNode table = diff.path("table");
    assertThat(table.path("rows_from").asLong()).isEqualTo(1000);
    assertThat(table.path("rows_to").asLong()).isEqualTo(1000);
    assertThat(table.path("schema_changes")).isEmpty();
    assertThat(table.path("rows").path("unchanged").asLong()).isEqualTo(1000);
    assertThat(table.path("rows").path("added").asLong()).isZero();
    assertThat(table.path("rows").path("removed").asLong()).isZero();
    table.path("columns").forEach(c -> assertThat(c.path("drifted").asBoolean()).isFalse());
  }

  @Test
  void diffOfTwoParquetVersionsShowsRowChangesAndShift() throws IOException {
    json(run("data", "add", fixture("ref.parquet"), "--name", "s", "-q", "--json"));
    json(run("data", "add", fixture("cur.parquet"), "--name", "s", "-q", "--json"));

    JsonNode table = json(run("data", "diff", "s@1.0.0", "s@1.1.0", "--json")).path("table");

    assertThat(table.path("rows_to").asLong()).isEqualTo(800);
    assertThat(table.path("rows").path("added").asLong()).isEqualTo(800);
    assertThat(table.path("rows").path("removed").asLong()).isEqualTo(1000);
    List<String> drifted = new ArrayList<>();
    table
        .path("columns")
        .forEach(
            c -> {
              if (c.path("drifted").asBoolean()) {
                drifted.add(c.path("column").asText());
              }
            });
    assertThat(drifted).contains("age", "income");

    DataCli.Result text = run("data", "diff", "s@1.0.0", "s@1.1.0");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains("rows: 1000 -> 800")
        .contains("(no key, compared as a multiset)");
  }
}
