package dev.mledger.core.analysis;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.testing.ScipyFixtures;
import dev.mledger.core.tracking.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ParameterEffectAnalysisTest {

  @TestFactory
  Stream<DynamicTest> matchesScipyOnEveryFixture() {
    return ScipyFixtures.load("/dev/mledger/core/analysis/parameter_effect.txt", "effect").stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> checkAgainstScipy(c)));
  }

  private static void checkAgainstScipy(ScipyFixtures.Case c) {
    List<String> order = c.words("order");
    List<Run> runs = new ArrayList<>();
    // Runs arrive in reverse level order so that the ordering is the analysis' own work.
    List<String> reversed = new ArrayList<>(order);
    java.util.Collections.reverse(reversed);
    for (String level : reversed) {
      double[] values = c.numbers("level." + level);
      for (int i = 0; i < values.length; i++) {
        runs.add(
            TestRuns.run(c.name() + "-" + level + "-" + i)
                .param(c.name(), level)
                .param("seed", Integer.toString(i))
                .metric("score", values[i])
                .build());
      }
    }
    double confidence = c.number("confidence");
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(
            runs, c.name(), "score", EffectOptions.defaults().withConfidence(confidence));

    assertThat(effect.levels()).extracting(EffectLevel::value).containsExactlyElementsOf(order);
    for (EffectLevel level : effect.levels()) {
      String v = level.value();
      assertMatches("mean " + v, level.mean(), c.number("mean." + v));
      assertMatches("se " + v, level.statistics().standardError(), c.number("se." + v));
      assertMatches("ci low " + v, level.statistics().interval().low(), c.numbers("ci." + v)[0]);
      assertMatches("ci high " + v, level.statistics().interval().high(), c.numbers("ci." + v)[1]);
      assertThat(level.runGroups()).hasSize(1);
      assertThat(level.runGroups().get(0).n()).isEqualTo(level.n());
    }
    assertThat(effect.comparisons()).hasSize(order.size() - 1);
    for (LevelComparison comparison : effect.comparisons()) {
      String v = comparison.level();
      assertThat(comparison.reference()).isEqualTo(order.get(0));
      assertMatches("delta " + v, comparison.meanDelta(), c.number("delta." + v));
      double[] welch = c.numbers("welch." + v);
      assertMatches("t " + v, comparison.welch().statistic(), welch[0]);
      assertMatches("df " + v, comparison.welch().degreesOfFreedom(), welch[1]);
      assertMatches("p " + v, comparison.welch().pValue(), welch[2]);
      assertMatches("ci low " + v, comparison.welch().interval().low(), welch[3]);
      assertMatches("ci high " + v, comparison.welch().interval().high(), welch[4]);
      assertMatches("d " + v, comparison.cohensD(), c.number("d." + v));
      assertMatches("holm " + v, comparison.holmAdjustedPValue(), c.number("holm." + v));
    }
    assertThat(effect.test()).isInstanceOf(AcrossLevelsTest.Tested.class);
    WelchAnovaResult anova = ((AcrossLevelsTest.Tested) effect.test()).result();
    assertMatches("F", anova.statistic(), c.numbers("anova")[0]);
    assertMatches("anova p", anova.pValue(), c.numbers("anova")[1]);
    assertThat(effect.otherVaryingParams()).isEmpty();
    assertThat(effect.isConfounded()).isFalse();
  }

  @Test
  void numericLevelsSortByValueAndMixedLevelsAsStrings() {
    assertThat(ParameterEffectAnalysis.orderOf(List.of("10", "2", "1e-3", "-.5", "+3.")))
        .isEqualTo(LevelOrder.NUMERIC);
    assertThat(ParameterEffectAnalysis.orderOf(List.of("10", "auto")))
        .isEqualTo(LevelOrder.LEXICAL);
    assertThat(ParameterEffectAnalysis.orderOf(List.of("NaN", "1"))).isEqualTo(LevelOrder.LEXICAL);

    List<Run> runs =
        List.of(
            run("a", "k", "10", 1.0),
            run("b", "k", "2", 2.0),
            run("c", "k", "1.0", 3.0),
            run("d", "k", "1", 4.0));
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(runs, "k", "m", EffectOptions.defaults());
    assertThat(effect.order()).isEqualTo(LevelOrder.NUMERIC);
    assertThat(effect.levels())
        .extracting(EffectLevel::value)
        .containsExactly("1", "1.0", "2", "10");
  }

  @Test
  void seedOnlyDifferencesFormOneRunGroupPerConfiguration() {
    List<Run> runs = new ArrayList<>();
    double[][] values = {
      {0.80, 0.82, 0.81}, {0.85, 0.86, 0.84}, {0.70, 0.72, 0.71}, {0.75, 0.77, 0.74}
    };
    String[][] configs = {{"0.1", "3"}, {"0.1", "5"}, {"0.01", "3"}, {"0.01", "5"}};
    for (int c = 0; c < configs.length; c++) {
      for (int s = 0; s < 3; s++) {
        runs.add(
            TestRuns.run("r" + c + s)
                .param("lr", configs[c][0])
                .param("depth", configs[c][1])
                .param("Random_State", Integer.toString(s))
                .metric("acc", values[c][s])
                .build());
      }
    }
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(runs, "lr", "acc", EffectOptions.defaults());

    assertThat(effect.levels()).extracting(EffectLevel::value).containsExactly("0.01", "0.1");
    EffectLevel high = effect.levels().get(1);
    assertThat(high.n()).isEqualTo(6);
    assertThat(high.runGroups()).hasSize(2);
    RunGroup depth3 = high.runGroups().get(0);
    assertThat(depth3.config()).isEqualTo(Map.of("depth", "3", "lr", "0.1"));
    assertThat(depth3.runIds()).containsExactly("r00", "r01", "r02");
    assertThat(depth3.statistics().mean())
        .isCloseTo(0.81, org.assertj.core.api.Assertions.within(1e-12));

    assertThat(effect.otherVaryingParams())
        .containsExactly(new VaryingParam("depth", List.of("3", "5"), false, true));
    assertThat(effect.isConfounded()).isFalse();
    assertThat(effect.warnings()).anyMatch(w -> w.contains("depth varies within every level"));
  }

  @Test
  void aParamThatChangesWithTheAnalysedOneIsAConfounder() {
    List<Run> runs =
        List.of(
            runWith("a", Map.of("lr", "0.1", "optimizer", "sgd"), 0.8),
            runWith("b", Map.of("lr", "0.1", "optimizer", "sgd"), 0.82),
            runWith("c", Map.of("lr", "0.01", "optimizer", "adam"), 0.9),
            runWith("d", Map.of("lr", "0.01"), 0.91));
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(runs, "lr", "acc", EffectOptions.defaults());
    assertThat(effect.isConfounded()).isTrue();
    assertThat(effect.otherVaryingParams())
        .containsExactly(new VaryingParam("optimizer", List.of("adam", "sgd"), true, false));
    assertThat(effect.warnings())
        .first()
        .asString()
        .startsWith("confounded: optimizer also changes between levels of lr");
  }

  @Test
  void runsWithoutParamOrFiniteMetricAreCountedNotUsed() {
    List<Run> runs =
        List.of(
            run("a", "lr", "0.1", 0.8),
            run("b", "lr", "0.1", Double.NaN),
            TestRuns.run("c").param("lr", "0.1").build(),
            TestRuns.run("d").metric("m", 0.5).build(),
            run("e", "lr", "0.2", 0.7));
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(runs, "lr", "m", EffectOptions.defaults());
    assertThat(effect.runsWithoutParam()).isEqualTo(1);
    assertThat(effect.runsWithoutMetric()).isEqualTo(2);
    assertThat(effect.levels()).allSatisfy(level -> assertThat(level.statistics()).isNull());
    assertThat(effect.test())
        .isEqualTo(
            new AcrossLevelsTest.NotTested(
                "Welch's ANOVA needs at least 2 runs per level; 0.1, 0.2 have only one."));
    LevelComparison comparison = effect.comparisons().get(0);
    assertThat(comparison.welch()).isNull();
    assertThat(comparison.holmAdjustedPValue()).isNull();
    assertThat(comparison.cohensD()).isNaN();
    assertThat(comparison.meanDelta())
        .isCloseTo(-0.1, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(effect.warnings()).anyMatch(w -> w.contains("2 runs were left out"));
  }

  @Test
  void aSingleLevelIsDescribedButNotTested() {
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(
            List.of(run("a", "lr", "0.1", 0.8), run("b", "lr", "0.1", 0.9)),
            "lr",
            "m",
            EffectOptions.defaults());
    assertThat(effect.levels()).hasSize(1);
    assertThat(effect.comparisons()).isEmpty();
    assertThat(effect.test()).isInstanceOf(AcrossLevelsTest.NotTested.class);
  }

  @Test
  void deterministicRunsThatDifferAreTestedWithAnInfiniteStatistic() {
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(
            List.of(
                run("a", "k", "x", 1.0),
                run("b", "k", "x", 1.0),
                run("c", "k", "y", 2.0),
                run("d", "k", "y", 2.0)),
            "k",
            "m",
            EffectOptions.defaults());
    assertThat(effect.test()).isInstanceOf(AcrossLevelsTest.Tested.class);
    assertThat(effect.comparisons().get(0).cohensD()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void anExplicitReferenceLevelIsTheBaselineOfEveryComparison() {
    List<Run> runs =
        List.of(
            run("a", "k", "1", 1.0),
            run("b", "k", "1", 1.2),
            run("c", "k", "2", 2.0),
            run("d", "k", "2", 2.4),
            run("e", "k", "3", 3.0),
            run("f", "k", "3", 3.1));
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(
            runs, "k", "m", EffectOptions.defaults().withReferenceLevel("2"));
    assertThat(effect.comparisons())
        .extracting(LevelComparison::level, LevelComparison::reference)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", "2"),
            org.assertj.core.groups.Tuple.tuple("3", "2"));
  }

  @Test
  void clearErrorsForWhatCannotBeAnalysed() {
    List<Run> runs = List.of(run("a", "lr", "0.1", 0.8));
    assertError(
        () -> ParameterEffectAnalysis.analyze(runs, "depth", "m", EffectOptions.defaults()),
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        "has a param 'depth'");
    assertError(
        () -> ParameterEffectAnalysis.analyze(runs, "lr", "loss", EffectOptions.defaults()),
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        "finite value of metric 'loss'");
    assertError(
        () ->
            ParameterEffectAnalysis.analyze(
                runs, "lr", "m", EffectOptions.defaults().withReferenceLevel("7")),
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        "levels are: 0.1");
    assertError(
        () -> ParameterEffectAnalysis.analyze(runs, "SEED", "m", EffectOptions.defaults()),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "seed param");
    assertError(
        () -> ParameterEffectAnalysis.analyze(runs, " ", "m", EffectOptions.defaults()),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "param key");
    assertError(
        () -> EffectOptions.defaults().withConfidence(1.0),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "confidence");
  }

  @Test
  void customSeedParamsReplaceTheDefaults() {
    List<Run> runs =
        List.of(
            runWith("a", Map.of("lr", "1", "trial", "1"), 0.5),
            runWith("b", Map.of("lr", "1", "trial", "2"), 0.6));
    ParameterEffect withDefaults =
        ParameterEffectAnalysis.analyze(runs, "lr", "acc", EffectOptions.defaults());
    ParameterEffect withTrial =
        ParameterEffectAnalysis.analyze(
            runs, "lr", "acc", EffectOptions.defaults().withSeedParams(Set.of("trial")));
    assertThat(withDefaults.levels().get(0).runGroups()).hasSize(2);
    assertThat(withTrial.levels().get(0).runGroups()).hasSize(1);
  }

  private static Run run(String id, String param, String value, double metric) {
    return TestRuns.run(id).param(param, value).metric("m", metric).build();
  }

  private static Run runWith(String id, Map<String, String> params, double acc) {
    TestRuns builder = TestRuns.run(id).metric("acc", acc);
    new java.util.TreeMap<>(params).forEach(builder::param);
    return builder.build();
  }

  private static void assertError(Runnable call, ErrorCode code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(MledgerException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }
}
