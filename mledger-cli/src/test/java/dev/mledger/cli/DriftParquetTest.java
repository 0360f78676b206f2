package dev.mledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mledger drift} on Parquet. The fixtures under {@code src/test/resources/drift/} are twins
 * written by the reference Parquet writer ({@code DriftFixtures} in mledger-store's tests): the
 * same rows as CSV and as Parquet (REF: ZSTD, v1 pages, one row group; CUR: Snappy, v2 pages, many
 * row groups), so every statistic must come out identical.
 */
class DriftParquetTest {
  @TempDir Path dir;
  private Path refCsv;
  private Path curCsv;
  private Path refParquet;
  private Path curParquet;

  private record Result(int exitCode, String out, String err) {}

  @BeforeEach
  void copyFixtures() throws IOException {
    refCsv = fixture("ref.csv");
    curCsv = fixture("cur.csv");
    refParquet = fixture("ref.parquet");
    curParquet = fixture("cur.parquet");
  }

  private Path fixture(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = DriftParquetTest.class.getResourceAsStream("/drift/" + name)) {
      assertThat(in).as(name).isNotNull();
      Files.copy(in, target);
    }
    return target;
  }

  private static Result run(Object... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    return new Result(cli.execute(strings), out.toString(), err.toString());
  }

  /** The JSON report without the two file paths, which are the only expected difference. */
  private static JsonNode report(Object... args) throws IOException {
    Result r = run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    ((ObjectNode) doc.get("reference")).remove("path");
    ((ObjectNode) doc.get("current")).remove("path");
    return doc;
  }

  @Test
  void parquetAndCsvTwinsGiveIdenticalReports() throws IOException {
    JsonNode fromCsv = report("drift", refCsv, curCsv, "--json");
    JsonNode fromParquet = report("drift", refParquet, curParquet, "--json");

    assertThat(fromParquet).isEqualTo(fromCsv);
    assertThat(fromParquet.get("reference").get("rows").asInt()).isEqualTo(1_000);
    assertThat(fromParquet.get("current").get("rows").asInt()).isEqualTo(800);
    assertThat(fromParquet.get("columns")).hasSize(4);
    assertThat(fromParquet.get("drifted_columns").asInt()).isPositive();
    JsonNode segment = fromParquet.get("columns").get(2);
    assertThat(segment.get("column").asText()).isEqualTo("segment");
    assertThat(segment.get("type").asText()).isEqualTo("categorical");
    assertThat(segment.get("reference_missing").asInt()).isPositive();
  }

  @Test
  void mixedFormatsAndColumnSelectionAgreeToo() throws IOException {
    JsonNode csv = report("drift", refCsv, curCsv, "--columns", "score,age", "--json");
    JsonNode mixed = report("drift", refParquet, curCsv, "--columns", "score,age", "--json");
    assertThat(mixed).isEqualTo(csv);
    assertThat(mixed.get("columns")).hasSize(2);
    assertThat(mixed.get("columns").get(0).get("column").asText()).isEqualTo("score");
  }

  @Test
  void textReportNamesTheParquetFiles() {
    Result r = run("drift", refParquet, curParquet);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("ref.parquet").contains("cur.parquet").contains("segment");
  }

  @Test
  void corruptParquetIsOneLineUserError() throws IOException {
    byte[] bytes = Files.readAllBytes(curParquet);
    Path truncated = dir.resolve("truncated.parquet");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Result r = run("drift", refParquet, truncated);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "mledger: "
                + truncated
                + " is not a Parquet file (no PAR1 magic at its start"
                + " and end; truncated or another format)");
  }
}
