package dev.mledger.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mledger runs ...} in-process against a real server on a random port. */
class RunsCommandTest {
  private static final String[] LEARNING_RATES = {"0.1", "0.01", "1e-3"};
  private static final double[][] ACCURACY = {
    {0.81, 0.83, 0.80}, {0.86, 0.88, 0.85}, {0.84, 0.83, 0.86}
  };

  private static TestServer server;
  private static final Map<String, String> RUN_BY_NAME = new HashMap<>();

  @BeforeAll
  static void startServerWithAKataExperiment() {
    server = TestServer.start();
    try (MledgerClient client = server.client()) {
      String kata = client.createExperiment("kata");
      long t = 1_700_000_000_000L;
      for (int level = 0; level < LEARNING_RATES.length; level++) {
        for (int seed = 0; seed < 3; seed++) {
          String name = "lr" + LEARNING_RATES[level] + "-s" + seed;
          Run run = client.createRun(kata, name, List.of());
          String id = run.info().runId();
          double acc = ACCURACY[level][seed];
          client.logBatch(
              id,
              List.of(new Metric("acc", acc, t, 0), new Metric("loss", 1 - acc, t, 0)),
              List.of(
                  new Param("lr", LEARNING_RATES[level]),
                  new Param("seed", Integer.toString(seed)),
                  new Param("depth", "3")),
              List.of());
          client.updateRun(id, RunStatus.FINISHED, t + 1000, null);
          RUN_BY_NAME.put(name, id);
        }
      }
      String other = client.createExperiment("other");
      Run lonely = client.createRun(other, "lonely", List.of());
      client.logBatch(
          lonely.info().runId(),
          List.of(new Metric("acc", 0.99, t, 0)),
          List.of(new Param("lr", "0.5")),
          List.of());
      RUN_BY_NAME.put("lonely", lonely.info().runId());
    }
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static CliRun mledger(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--tracking-uri");
    all.add(server.uri());
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void listPagesThroughEveryRunOfTheExperiment() {
    JsonNode doc = mledger("runs", "list", "-e", "kata", "--page-size", "2", "--json").json();
    assertThat(doc.get("runs")).hasSize(9);
    assertThat(doc.get("runs").get(0).get("info").get("experiment_id").asText()).isNotEmpty();

    JsonNode capped =
        mledger("runs", "list", "-e", "kata", "--page-size", "2", "-n", "5", "--json").json();
    assertThat(capped.get("runs")).hasSize(5);

    JsonNode everywhere = mledger("runs", "list", "--json").json();
    assertThat(everywhere.get("runs")).hasSize(10);
  }

  @Test
  void listPrintsATableWithRequestedColumns() {
    CliRun run =
        mledger(
            "runs", "list", "-e", "kata", "-o", "metrics.acc DESC", "-c", "metrics.acc,params.lr");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("run_id").contains("metrics.acc").contains("params.lr");
    assertThat(lines).hasSize(10);
    assertThat(lines.get(1)).contains("lr0.01-s1").contains("0.88").contains("FINISHED");
  }

  @Test
  void searchTakesOurFilterGrammarIncludingOr() {
    JsonNode doc =
        mledger(
                "runs",
                "search",
                "-e",
                "kata",
                "-f",
                "params.lr = '0.1' OR metrics.acc >= 0.88",
                "--json")
            .json();
    List<String> names = new ArrayList<>();
    doc.get("runs").forEach(r -> names.add(r.get("info").get("run_name").asText()));
    assertThat(names).containsExactlyInAnyOrder("lr0.1-s0", "lr0.1-s1", "lr0.1-s2", "lr0.01-s1");
  }

  @Test
  void searchNeedsAFilterAndRejectsMalformedOnes() {
    mledger("runs", "search", "-e", "kata").failsWith(2, "needs --filter");
    mledger("runs", "search", "-e", "kata", "-f", "metrics.acc >>> 1").failsWith(2, "");
    mledger("runs", "list", "-e", "kata", "--view", "gone").failsWith(2, "--view");
  }

  @Test
  void unknownExperimentIsNotFound() {
    mledger("runs", "list", "-e", "no-such-experiment")
        .failsWith(1, "No experiment with name or id 'no-such-experiment'");
  }

  @Test
  void showPrintsInfoParamsAndMetrics() {
    String id = RUN_BY_NAME.get("lr0.1-s0");
    CliRun text = mledger("runs", "show", id);
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains(id).contains("lr0.1-s0").contains("depth").contains("0.81");
    assertThat(text.out()).doesNotContain("mlflow.runName").doesNotContain("mledger.clientRunId");
    assertThat(mledger("runs", "show", id, "--all-tags").out()).contains("mlflow.runName");

    JsonNode doc = mledger("runs", "show", id, "--json").json();
    assertThat(doc.at("/run/info/run_id").asText()).isEqualTo(id);
    assertThat(doc.at("/run/data/params")).hasSize(3);
  }

  @Test
  void showUnknownRunIsOneLineAndExitCodeOne() {
    mledger("runs", "show", "0123456789abcdef0123456789abcdef").failsWith(1, "0123456789abcdef");
  }

  @Test
  void compareGivesDeltaAMinusBAndTheDifferingParams() {
    String a = RUN_BY_NAME.get("lr0.01-s1");
    String b = RUN_BY_NAME.get("lr0.1-s0");
    JsonNode doc = mledger("runs", "compare", a, b, "--json").json();
    assertThat(doc.at("/a/run_id").asText()).isEqualTo(a);
    JsonNode acc = doc.get("metrics").get(0);
    assertThat(acc.get("key").asText()).isEqualTo("acc");
    assertThat(acc.get("delta").asDouble()).isEqualTo(0.88 - 0.81);
    assertThat(acc.get("relative_delta").asDouble()).isCloseTo((0.88 - 0.81) / 0.81, within(1e-15));
    List<String> differing = new ArrayList<>();
    doc.get("params")
        .forEach(
            p -> {
              if (p.get("differs").asBoolean()) {
                differing.add(p.get("key").asText());
              }
            });
    assertThat(differing).containsExactly("lr", "seed");

    CliRun text = mledger("runs", "compare", a, b);
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("Δ (A−B)").contains("0.07").doesNotContain("depth");
    mledger("runs", "compare", a, "ffffffffffffffffffffffffffffffff").failsWith(1, "ffff");
  }

  @Test
  void bestHonoursTheDirectionAndTheFilter() {
    JsonNode max = mledger("runs", "best", "-e", "kata", "-m", "acc", "--json").json();
    assertThat(max.get("run_name").asText()).isEqualTo("lr0.01-s1");
    assertThat(max.get("value").asDouble()).isEqualTo(0.88);
    assertThat(max.get("candidates").asInt()).isEqualTo(9);
    assertThat(max.get("direction").asText()).isEqualTo("max");

    JsonNode min =
        mledger(
                "runs",
                "best",
                "-e",
                "kata",
                "-m",
                "loss",
                "-d",
                "min",
                "-f",
                "params.lr = '0.1'",
                "--json")
            .json();
    assertThat(min.get("run_name").asText()).isEqualTo("lr0.1-s1");

    CliRun text = mledger("runs", "best", "-e", "kata", "-m", "acc");
    assertThat(text.out()).startsWith("best run: " + RUN_BY_NAME.get("lr0.01-s1"));
  }

  @Test
  void bestReportsTies() {
    // 0.83 is reached by lr=0.1 seed 1 and lr=1e-3 seed 1.
    JsonNode doc =
        mledger("runs", "best", "-e", "kata", "-m", "acc", "-f", "metrics.acc <= 0.83", "--json")
            .json();
    assertThat(doc.get("value").asDouble()).isEqualTo(0.83);
    assertThat(doc.get("tied_with")).hasSize(1);
  }

  @Test
  void bestOfAnUnknownMetricOrDirectionFailsClearly() {
    mledger("runs", "best", "-e", "kata", "-m", "f1").failsWith(1, "metric 'f1'");
    mledger("runs", "best", "-e", "kata", "-m", "acc", "-d", "up").failsWith(2, "'max' or 'min'");
  }

  @Test
  void effectGroupsByLevelInNumericOrderAndTestsAcrossLevels() {
    JsonNode doc =
        mledger("runs", "effect", "-e", "kata", "-p", "lr", "-m", "acc", "--json").json();
    assertThat(doc.get("order").asText()).isEqualTo("numeric");
    List<String> levels = new ArrayList<>();
    doc.get("levels").forEach(l -> levels.add(l.get("value").asText()));
    assertThat(levels).containsExactly("1e-3", "0.01", "0.1");
    assertThat(doc.at("/levels/0/n").asInt()).isEqualTo(3);
    assertThat(doc.at("/levels/0/mean").asDouble()).isCloseTo(0.8433333333333333, within(1e-12));
    assertThat(doc.at("/levels/0/run_groups")).hasSize(1);
    assertThat(doc.get("reference").asText()).isEqualTo("1e-3");
    // scipy: ttest_ind(lr=0.1, lr=1e-3, equal_var=False).pvalue; f_oneway(..., equal_var=False)
    assertThat(doc.at("/comparisons/1/welch/p_value").asDouble())
        .isCloseTo(0.07392618853329301, within(1e-9));
    assertThat(doc.at("/test/tested").asBoolean()).isTrue();
    assertThat(doc.at("/test/statistic").asDouble()).isCloseTo(6.979591836734659, within(1e-9));
    assertThat(doc.at("/test/p_value").asDouble()).isCloseTo(0.0496074380165293, within(1e-9));
    assertThat(doc.get("confounded").asBoolean()).isFalse();
    assertThat(doc.get("other_varying_params")).isEmpty();

    CliRun text = mledger("runs", "effect", "-e", "kata", "-p", "lr", "-m", "acc");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("effect of lr on acc: 9 runs in 3 levels (numeric order), 95% intervals")
        .contains("Δ vs 1e-3")
        .contains("Welch ANOVA: F(2,");
  }

  @Test
  void effectWarnsWhenLevelsHaveSingleRuns() {
    JsonNode doc =
        mledger("runs", "effect", "-e", "kata", "-e", "other", "-p", "lr", "-m", "acc", "--json")
            .json();
    assertThat(doc.get("levels")).hasSize(4);
    assertThat(doc.at("/levels/3/value").asText()).isEqualTo("0.5");
    assertThat(doc.at("/levels/3/se").isNull()).isTrue();
    assertThat(doc.at("/test/tested").asBoolean()).isFalse();
    assertThat(doc.get("warnings").toString()).contains("single run");
  }

  @Test
  void effectErrorsAreClear() {
    mledger("runs", "effect", "-e", "kata", "-p", "momentum", "-m", "acc")
        .failsWith(1, "param 'momentum'");
    mledger("runs", "effect", "-e", "kata", "-p", "lr", "-m", "acc", "--reference", "7")
        .failsWith(1, "levels are: 1e-3, 0.01, 0.1");
    mledger("runs", "effect", "-e", "kata", "-p", "lr", "-m", "acc", "--confidence", "95")
        .failsWith(2, "confidence");
  }

  @Test
  void anUnreachableServerIsExitCodeThree() {
    CliRun run = CliRun.of("runs", "list", "--tracking-uri", "http://127.0.0.1:1");
    run.failsWith(3, "cannot reach the tracking server at http://127.0.0.1:1");
  }
}
