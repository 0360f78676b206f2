package dev.mledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mledger drift} in-process. Expected numbers come from scipy 1.17.1: ks_2samp,
 * wasserstein_distance (divided by numpy.std) and chi2_contingency(correction=False), Pearson and
 * lambda_="log-likelihood", on the same columns.
 */
class DriftCommandTest {
  private static final double TOL = 1e-12;

  @TempDir Path dir;
  private Path ref;
  private Path cur;

  private record Result(int exitCode, String out, String err) {}

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
    int code = cli.execute(strings);
    return new Result(code, out.toString(), err.toString());
  }

  private static JsonNode json(Result r) throws IOException {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  /**
   * x: 0.0..3.9 vs 1.0..3.9; color: red 20, blue 15, green 5 vs red 10, blue 10, green 5, purple 5.
   */
  @BeforeEach
  void writeTables() throws IOException {
    List<String> refLines = new ArrayList<>(List.of("x,color"));
    String[] refColors = colors(20, 15, 5, 0);
    for (int i = 0; i < 40; i++) {
      refLines.add(String.format(Locale.ROOT, "%.1f,%s", 0.1 * i, refColors[i]));
    }
    List<String> curLines = new ArrayList<>(List.of("x,color"));
    String[] curColors = colors(10, 10, 5, 5);
    for (int i = 0; i < 30; i++) {
      curLines.add(String.format(Locale.ROOT, "%.1f,%s", 0.1 * i + 1.0, curColors[i]));
    }
    ref = write("ref.csv", refLines);
    cur = write("cur.csv", curLines);
  }

  private static String[] colors(int red, int blue, int green, int purple) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < red; i++) out.add("red");
    for (int i = 0; i < blue; i++) out.add("blue");
    for (int i = 0; i < green; i++) out.add("green");
    for (int i = 0; i < purple; i++) out.add("purple");
    return out.toArray(String[]::new);
  }

  private Path write(String name, List<String> lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, lines);
    return p;
  }

  @Test
  void jsonReportHasTheContractKeysAndScipyValues() throws IOException {
    JsonNode doc = json(run("drift", ref, cur, "--json"));
    assertThat(doc.get("reference").get("rows").asInt()).isEqualTo(40);
    assertThat(doc.get("current").get("rows").asInt()).isEqualTo(30);
    JsonNode x = doc.get("columns").get(0);
    assertThat(x.get("column").asText()).isEqualTo("x");
    assertThat(x.get("type").asText()).isEqualTo("numeric");
    for (String key :
        List.of("psi", "kl", "kl_base2", "js", "js_base2", "wasserstein", "wasserstein_norm")) {
      assertThat(x.get(key).isNumber()).as(key).isTrue();
    }
    assertThat(x.get("ks_statistic").asDouble()).isCloseTo(0.25, within(TOL));
    assertThat(x.get("ks_pvalue").asDouble()).isCloseTo(0.20375478523422919, within(TOL));
    assertThat(x.get("ks_method").asText()).isEqualTo("exact");
    assertThat(x.get("wasserstein").asDouble()).isCloseTo(0.5, within(TOL));
    assertThat(x.get("wasserstein_norm").asDouble()).isCloseTo(0.43314808182420994, within(TOL));
    assertThat(x.get("kl_base2").asDouble())
        .isCloseTo(x.get("kl").asDouble() / Math.log(2), within(TOL));
    // 40 reference rows: the default for a numeric column is KS at p < 0.05.
    assertThat(x.get("test").asText()).isEqualTo("ks");
    assertThat(x.get("value").asDouble()).isEqualTo(x.get("ks_pvalue").asDouble());
    assertThat(x.get("drift").asBoolean()).isFalse();
    assertThat(x.get("verdict").asText()).isEqualTo("no_drift");

    JsonNode color = doc.get("columns").get(1);
    assertThat(color.get("type").asText()).isEqualTo("categorical");
    assertThat(color.get("chi2_statistic").asDouble()).isCloseTo(8.069444444444446, within(1e-9));
    assertThat(color.get("chi2_pvalue").asDouble()).isCloseTo(0.044598090207930964, within(1e-9));
    assertThat(color.get("g_statistic").asDouble()).isCloseTo(9.902757598715539, within(1e-9));
    assertThat(color.get("g_pvalue").asDouble()).isCloseTo(0.019411077014538657, within(1e-9));
    assertThat(color.get("test").asText()).isEqualTo("chi2");
    assertThat(color.get("drift").asBoolean()).isTrue();
    assertThat(color.get("unseen_categories").get(0).asText()).isEqualTo("purple");
    assertThat(color.has("ks_statistic")).isFalse();

    assertThat(doc.get("drifted_columns").asInt()).isEqualTo(1);
    assertThat(doc.get("dataset_drift").asBoolean()).isTrue();
    assertThat(doc.get("units").get("js").asText()).contains("divergence").contains("nats");
  }

  @Test
  void columnsOptionSelectsAndForcedTestApplies() throws IOException {
    JsonNode doc = json(run("drift", ref, cur, "--columns", "x", "--test", "psi", "--json"));
    assertThat(doc.get("columns")).hasSize(1);
    JsonNode x = doc.get("columns").get(0);
    assertThat(x.get("test").asText()).isEqualTo("psi");
    assertThat(x.get("value").asDouble()).isEqualTo(x.get("psi").asDouble());
    assertThat(x.get("reason").asText()).isEqualTo("requested");
  }

  @Test
  void categoricalOptionComparesNumbersAsCategories() throws IOException {
    JsonNode doc = json(run("drift", ref, cur, "--categorical", "x", "--json"));
    assertThat(doc.get("columns").get(0).get("type").asText()).isEqualTo("categorical");
  }

  @Test
  void failOnDriftExitsWithOne() {
    Result r = run("drift", ref, cur, "--fail-on-drift");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("color").contains("DRIFT").contains("1 of 2 columns drifted");
  }

  @Test
  void nonNumericJunkIsCountedAsDataQuality() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(cur));
    lines.set(3, "abc,red");
    lines.set(4, "NA,red");
    Path junk = write("junk.csv", lines);
    JsonNode doc = json(run("drift", ref, junk, "--json"));
    JsonNode x = doc.get("columns").get(0);
    assertThat(x.get("current_invalid").asInt()).isEqualTo(1);
    assertThat(x.get("current_missing").asInt()).isEqualTo(1);
    assertThat(x.get("current_count").asInt()).isEqualTo(28);
    JsonNode issue = doc.get("data_quality").get(0);
    assertThat(issue.get("issue").asText()).isEqualTo("non_numeric_values");
    assertThat(issue.get("examples").get(0).asText()).isEqualTo("abc");
  }

  @Test
  void unknownColumnIsAUserError() {
    Result r = run("drift", ref, cur, "--columns", "x,nope", "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("mledger: column 'nope' not found in")
        .doesNotContain("Exception");
  }

  @Test
  void missingFileIsAUserError() {
    Result r = run("drift", dir.resolve("absent.csv"), cur);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("file not found").contains("absent.csv");
  }

  @Test
  void differingColumnTypesAreRefused() throws IOException {
    List<String> lines = new ArrayList<>(List.of("x,color"));
    for (int i = 0; i < 30; i++) {
      lines.add("v" + i + ",red");
    }
    Path strings = write("strings.csv", lines);
    Result r = run("drift", ref, strings);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("column 'x' is numeric in REF but categorical in CUR")
        .contains("--categorical x");
  }

  @Test
  void emptyColumnIsRefused() throws IOException {
    List<String> lines = new ArrayList<>(List.of("x,color"));
    for (int i = 0; i < 5; i++) {
      lines.add(",red");
    }
    Path empty = write("empty.csv", lines);
    Result r = run("drift", ref, empty, "--columns", "x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("column 'x' has no values in CUR (5 missing of 5 rows)");
  }

  @Test
  void brokenParquetIsRefusedClearly() throws IOException {
    Path parquet = write("data.parquet", List.of("PAR1"));
    Result r = run("drift", parquet, cur);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(parquet + " is not a Parquet file (only 5 bytes)");
  }

  @Test
  void badOptionsAreUserErrors() {
    assertThat(run("drift", ref, cur, "--test", "magic").err()).contains("unknown drift test");
    assertThat(run("drift", ref, cur, "--ks-method", "fast").err())
        .contains("auto, exact or asymp");
    assertThat(run("drift", ref, cur, "--bins", "1").exitCode()).isEqualTo(2);
  }
}
