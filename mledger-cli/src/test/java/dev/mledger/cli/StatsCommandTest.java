package dev.mledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code mledger stats} against values computed with scipy 1.17 (ttest_rel, t.interval, wilcoxon).
 */
class StatsCommandTest {
  private static final double TOL = 1e-12;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static JsonNode json(Result r) throws Exception {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void confidenceIntervalMatchesScipy() throws Exception {
    JsonNode doc = json(run("stats", "ci", "--values", "0.71,0.73,0.70,0.74,0.72", "--json"));
    assertThat(doc.get("n").asInt()).isEqualTo(5);
    assertThat(doc.get("mean").asDouble()).isCloseTo(0.72, within(TOL));
    assertThat(doc.get("se").asDouble()).isCloseTo(0.0070710678118654805, within(TOL));
    assertThat(doc.get("ci_low").asDouble()).isCloseTo(0.7003675683852244, within(TOL));
    assertThat(doc.get("ci_high").asDouble()).isCloseTo(0.7396324316147755, within(TOL));
  }

  @Test
  void pairedComparisonMatchesScipy() throws Exception {
    JsonNode doc =
        json(
            run(
                "stats",
                "paired",
                "--a",
                "0.81,0.83,0.80,0.85,0.82,0.84",
                "--b",
                "0.79,0.80,0.80,0.81,0.78,0.83",
                "--json"));
    assertThat(doc.get("mean_delta").asDouble()).isCloseTo(0.0233333333333333, within(TOL));
    assertThat(doc.get("se").asDouble()).isCloseTo(0.006666666666666651, within(TOL));
    assertThat(doc.get("t").asDouble()).isCloseTo(3.500000000000004, within(1e-9));
    assertThat(doc.get("p_value").asDouble()).isCloseTo(0.017284431785293278, within(1e-9));
    assertThat(doc.get("ci_low").asDouble()).isCloseTo(0.006196121095757911, within(1e-9));
    assertThat(doc.get("ci_high").asDouble()).isCloseTo(0.04047054557090869, within(1e-9));
    assertThat(doc.get("wilcoxon_p_value").asDouble()).isCloseTo(0.0625, within(1e-9));
  }

  @Test
  void humanOutputByDefault() {
    Result r = run("stats", "ci", "--values", "1 2 3");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("mean=2.00000").contains("95.0000% CI");
  }

  @Test
  void badInputIsOneClearLineAndExitCodeTwo() {
    Result notNumber = run("stats", "ci", "--values", "0.7,abc");
    assertThat(notNumber.exitCode()).isEqualTo(2);
    assertThat(notNumber.err()).contains("'abc' is not a number").doesNotContain("\tat ");

    Result tooFew = run("stats", "ci", "--values", "0.7");
    assertThat(tooFew.exitCode()).isEqualTo(2);
    assertThat(tooFew.err()).startsWith("mledger: ").contains("at least 2");

    Result mismatched = run("stats", "paired", "--a", "1,2,3", "--b", "1,2");
    assertThat(mismatched.exitCode()).isEqualTo(2);
    assertThat(mismatched.err()).contains("pairs must match");

    Result badAlternative =
        run("stats", "paired", "--a", "1,2,3", "--b", "1,2,4", "--alternative", "bigger");
    assertThat(badAlternative.exitCode()).isEqualTo(2);
    assertThat(badAlternative.err()).contains("alternative");
  }
}
