package dev.mledger.core.gate;

import static dev.mledger.core.gate.GateFixtures.CANDIDATE_2_R2;
import static dev.mledger.core.gate.GateFixtures.CANDIDATE_3_R2;
import static dev.mledger.core.gate.GateFixtures.CANDIDATE_4_R2;
import static dev.mledger.core.gate.GateFixtures.CHAMPION_R2;
import static dev.mledger.core.gate.GateFixtures.metricsOnly;
import static dev.mledger.core.gate.GateFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mledger.core.error.MledgerException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expected statistics come from scipy 1.x (see the values' comments) via scripts run offline. */
class GateEvaluatorTest {
  private static final Instant AT = Instant.parse("2024-10-01T12:00:00Z");
  private static final double TOL = 1e-9;

  private static Significance significance(
      Set<PairedTestKind> tests, double alpha, double minEffect, CorrectionMethod correction) {
    return new Significance(
        "r2-better",
        "test_r2",
        Direction.HIGHER_IS_BETTER,
        "seed",
        tests,
        alpha,
        0.95,
        minEffect,
        correction);
  }

  private static GateDefinition gate(GateRule... rules) {
    return new GateDefinition("quality", "", List.of(rules));
  }

  private static Map<String, Object> test(RuleOutcome outcome, String kind) {
    @SuppressWarnings("unchecked")
    Map<String, Object> tests = (Map<String, Object>) outcome.evidence().get("tests");
    @SuppressWarnings("unchecked")
    Map<String, Object> test = (Map<String, Object>) tests.get(kind);
    return test;
  }

  private static double num(Object value) {
    return ((Number) value).doubleValue();
  }

  @Test
  void absoluteThresholdAndGuardrailsPassOrFailWithTheValuesCompared() {
    GateDefinition gate =
        gate(
            new MetricThreshold(
                "r2-floor",
                "test_r2",
                Direction.HIGHER_IS_BETTER,
                new ThresholdBound.Absolute(0.8)),
            new Guardrail("latency", GuardrailKind.P95_LATENCY_MS, "latency_p95_ms", 250),
            new Guardrail("cost", GuardrailKind.COST_PER_1K_PREDICTIONS, "cost_per_1k", 0.40),
            new Guardrail("safety", GuardrailKind.SAFETY_SCORE, "safety_score", 0.9));
    ModelEvidence candidate =
        metricsOnly(
            "2",
            Map.of(
                "test_r2", 0.8, "latency_p95_ms", 251.5, "cost_per_1k", 0.4, "safety_score", 0.95));

    GateDecision decision = GateEvaluator.evaluate(gate, candidate, null, AT);

    assertThat(decision.outcomes())
        .extracting(RuleOutcome::status)
        .containsExactly(
            OutcomeStatus.PASSED, OutcomeStatus.FAILED, OutcomeStatus.PASSED, OutcomeStatus.PASSED);
    assertThat(decision.passed()).isFalse();
    assertThat(decision.failures()).extracting(RuleOutcome::rule).containsExactly("latency");
    assertThat(decision.outcomes().get(1).reason())
        .isEqualTo("latency_p95_ms = 251.5 is not <= 250.");
    assertThat(decision.outcomes().get(1).evidence())
        .containsEntry("candidate_value", 251.5)
        .containsEntry("limit", 250L)
        .containsEntry("kind", "p95_latency_ms");
  }

  @Test
  void aMissingMetricFailsClosed() {
    GateDefinition gate =
        gate(new Guardrail("safety", GuardrailKind.SAFETY_SCORE, "safety_score", 0.9));
    GateDecision decision = GateEvaluator.evaluate(gate, metricsOnly("5", Map.of()), null, AT);
    assertThat(decision.passed()).isFalse();
    assertThat(decision.outcomes().get(0).reason())
        .isEqualTo("The candidate (version 5, run run-v5) has no metric 'safety_score'.");
  }

  @Test
  void relativeToChampionRulesUseTheDirectionAndAreNotApplicableWithoutAChampion() {
    MetricThreshold noWorseThanTwoPercent =
        new MetricThreshold(
            "rmse-regression",
            "rmse",
            Direction.LOWER_IS_BETTER,
            new ThresholdBound.VersusChampion(-0.02, true));
    GateDefinition gate = gate(noWorseThanTwoPercent);
    ModelEvidence champion = metricsOnly("1", Map.of("rmse", 2.0));

    GateDecision slightlyWorse =
        GateEvaluator.evaluate(gate, metricsOnly("2", Map.of("rmse", 2.03)), champion, AT);
    assertThat(slightlyWorse.passed()).isTrue();
    assertThat(num(slightlyWorse.outcomes().get(0).evidence().get("improvement")))
        .isCloseTo(-0.015, within(TOL));

    GateDecision muchWorse =
        GateEvaluator.evaluate(gate, metricsOnly("3", Map.of("rmse", 2.05)), champion, AT);
    assertThat(muchWorse.passed()).isFalse();
    assertThat(muchWorse.outcomes().get(0).reason())
        .startsWith("Improvement of rmse over champion version 1 is -0.025 (relative)")
        .contains("less than the required -0.02");

    GateDecision first =
        GateEvaluator.evaluate(gate, metricsOnly("1", Map.of("rmse", 2.0)), null, AT);
    assertThat(first.outcomes().get(0).status()).isEqualTo(OutcomeStatus.NOT_APPLICABLE);
    assertThat(first.passed()).isTrue();
    assertThat(first.championVersion()).isNull();
  }

  @Test
  void relativeImprovementOverAZeroChampionIsAFailureNotADivisionByZero() {
    GateDefinition gate =
        gate(
            new MetricThreshold(
                "m",
                "errors",
                Direction.LOWER_IS_BETTER,
                new ThresholdBound.VersusChampion(0, true)));
    GateDecision decision =
        GateEvaluator.evaluate(
            gate,
            metricsOnly("2", Map.of("errors", 0.0)),
            metricsOnly("1", Map.of("errors", 0.0)),
            AT);
    assertThat(decision.outcomes().get(0).status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(decision.outcomes().get(0).reason()).contains("undefined");
  }

  @Test
  void significanceMatchesScipyForOneCandidate() {
    GateDefinition gate =
        gate(
            significance(
                EnumSet.of(PairedTestKind.PAIRED_T, PairedTestKind.WILCOXON),
                0.05,
                0.0,
                CorrectionMethod.HOLM));
    GateDecision decision =
        GateEvaluator.evaluate(
            gate, model("2", "test_r2", CANDIDATE_2_R2), model("1", "test_r2", CHAMPION_R2), AT);

    RuleOutcome outcome = decision.outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.PASSED);
    Map<String, Object> e = outcome.evidence();
    // scipy.stats.ttest_rel(c, champ).confidence_interval(0.95), alternative='greater' for p.
    assertThat(num(e.get("mean_improvement"))).isCloseTo(0.011499999999999955, within(TOL));
    assertThat(num(e.get("ci_low"))).isCloseTo(0.008476605244603917, within(TOL));
    assertThat(num(e.get("ci_high"))).isCloseTo(0.014523394755395993, within(TOL));
    assertThat(num(test(outcome, "paired_t").get("statistic")))
        .isCloseTo(9.777648471823584, within(1e-8));
    assertThat(num(test(outcome, "paired_t").get("p_value")))
        .isCloseTo(9.5196586016242e-05, within(TOL));
    // scipy.stats.wilcoxon(c, champ, alternative='greater'): exact, 1/64.
    assertThat(num(test(outcome, "wilcoxon").get("statistic"))).isEqualTo(21.0);
    assertThat(num(test(outcome, "wilcoxon").get("p_value"))).isCloseTo(0.015625, within(TOL));
    // A family of one: no adjustment.
    assertThat(num(test(outcome, "paired_t").get("adjusted_p_value")))
        .isCloseTo(9.5196586016242e-05, within(TOL));
    assertThat(e.get("n")).isEqualTo(6L);
    assertThat((List<?>) e.get("pairs")).hasSize(6);
    assertThat(outcome.reason())
        .startsWith("Mean improvement of test_r2 = 0.0115 over 6 pairs; 95% CI of the improvement");
  }

  @Test
  void aMinimumEffectShiftsTheTestedNullHypothesis() {
    GateDefinition gate =
        gate(
            significance(
                EnumSet.of(PairedTestKind.PAIRED_T, PairedTestKind.WILCOXON),
                0.05,
                0.005,
                CorrectionMethod.NONE));
    GateDecision decision =
        GateEvaluator.evaluate(
            gate, model("2", "test_r2", CANDIDATE_2_R2), model("1", "test_r2", CHAMPION_R2), AT);
    RuleOutcome outcome = decision.outcomes().get(0);
    // scipy.stats.ttest_1samp(d - 0.005, 0, alternative='greater')
    assertThat(num(test(outcome, "paired_t").get("statistic")))
        .isCloseTo(5.5264969623350515, within(1e-8));
    assertThat(num(test(outcome, "paired_t").get("p_value")))
        .isCloseTo(0.001329189811713173, within(TOL));
    assertThat(num(test(outcome, "wilcoxon").get("p_value"))).isCloseTo(0.015625, within(TOL));
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.PASSED);

    GateDecision tooDemanding =
        GateEvaluator.evaluate(
            gate(
                significance(
                    EnumSet.of(PairedTestKind.PAIRED_T), 0.05, 0.009, CorrectionMethod.NONE)),
            model("2", "test_r2", CANDIDATE_2_R2),
            model("1", "test_r2", CHAMPION_R2),
            AT);
    assertThat(tooDemanding.outcomes().get(0).status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(tooDemanding.outcomes().get(0).reason())
        .contains("does not exclude improvements <= 0.009");
  }

  @Test
  void lowerIsBetterMetricsTestTheReduction() {
    Significance rmse =
        new Significance(
            "rmse-lower",
            "rmse",
            Direction.LOWER_IS_BETTER,
            "seed",
            EnumSet.of(PairedTestKind.PAIRED_T),
            0.05,
            0.90,
            0.0,
            CorrectionMethod.HOLM);
    GateDecision decision =
        GateEvaluator.evaluate(
            gate(rmse),
            model("2", "rmse", new double[] {1.10, 1.19, 1.15, 1.12, 1.21}),
            model("1", "rmse", new double[] {1.20, 1.25, 1.18, 1.22, 1.30}),
            AT);
    RuleOutcome outcome = decision.outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.PASSED);
    // scipy.stats.ttest_rel(champion, candidate, alternative='greater'); CI at 0.90.
    assertThat(num(outcome.evidence().get("mean_improvement"))).isCloseTo(0.076, within(TOL));
    assertThat(num(test(outcome, "paired_t").get("p_value")))
        .isCloseTo(0.0025407946324614798, within(TOL));
    assertThat(num(outcome.evidence().get("ci_low"))).isCloseTo(0.046925486177941796, within(TOL));
    assertThat(num(outcome.evidence().get("ci_high"))).isCloseTo(0.10507451382205815, within(TOL));
    assertThat(num(outcome.evidence().get("candidate_mean"))).isCloseTo(1.154, within(TOL));
    assertThat(num(outcome.evidence().get("champion_mean"))).isCloseTo(1.23, within(TOL));
  }

  @Test
  void holmCorrectionAcrossCandidatesMatchesStatsmodels() {
    GateDefinition gate =
        gate(
            significance(
                EnumSet.of(PairedTestKind.PAIRED_T, PairedTestKind.WILCOXON),
                0.05,
                0.0,
                CorrectionMethod.HOLM));
    List<GateDecision> decisions =
        GateEvaluator.evaluateAll(
            gate,
            List.of(
                model("2", "test_r2", CANDIDATE_2_R2),
                model("3", "test_r2", CANDIDATE_3_R2),
                model("4", "test_r2", CANDIDATE_4_R2)),
            model("1", "test_r2", CHAMPION_R2),
            AT);

    // multipletests([9.5196586016242e-05, 0.011889713237872105, 0.5], method='holm')
    assertThat(num(test(decisions.get(0).outcomes().get(0), "paired_t").get("adjusted_p_value")))
        .isCloseTo(3 * 9.5196586016242e-05, within(TOL));
    assertThat(num(test(decisions.get(1).outcomes().get(0), "paired_t").get("adjusted_p_value")))
        .isCloseTo(2 * 0.011889713237872105, within(TOL));
    assertThat(num(test(decisions.get(2).outcomes().get(0), "paired_t").get("adjusted_p_value")))
        .isCloseTo(0.5, within(TOL));
    // Wilcoxon p-values 1/64, 1/32, 0.59375: Holm rejects only the first (1/32 > 0.05/2).
    assertThat(test(decisions.get(0).outcomes().get(0), "wilcoxon").get("rejects_null"))
        .isEqualTo(true);
    assertThat(test(decisions.get(1).outcomes().get(0), "wilcoxon").get("rejects_null"))
        .isEqualTo(false);
    assertThat(num(test(decisions.get(1).outcomes().get(0), "wilcoxon").get("adjusted_p_value")))
        .isCloseTo(0.0625, within(TOL));

    assertThat(decisions).extracting(GateDecision::passed).containsExactly(true, false, false);
    assertThat(decisions.get(1).family()).containsExactly("2", "3", "4");
    assertThat(test(decisions.get(0).outcomes().get(0), "paired_t").get("family_size"))
        .isEqualTo(3L);
  }

  @Test
  void theCorrectionDecidesACandidateThatOnlyPassesUncorrected() {
    List<ModelEvidence> candidates =
        List.of(
            model("2", "test_r2", CANDIDATE_2_R2),
            model("3", "test_r2", CANDIDATE_3_R2),
            model("4", "test_r2", CANDIDATE_4_R2));
    ModelEvidence champion = model("1", "test_r2", CHAMPION_R2);
    // Candidate 3: p = 0.01189 <= 0.02 alone, Holm-adjusted 0.02378 > 0.02.
    GateDecision uncorrected =
        GateEvaluator.evaluateAll(
                gate(
                    significance(
                        EnumSet.of(PairedTestKind.PAIRED_T), 0.02, 0, CorrectionMethod.NONE)),
                candidates,
                champion,
                AT)
            .get(1);
    GateDecision holm =
        GateEvaluator.evaluateAll(
                gate(
                    significance(
                        EnumSet.of(PairedTestKind.PAIRED_T), 0.02, 0, CorrectionMethod.HOLM)),
                candidates,
                champion,
                AT)
            .get(1);
    GateDecision bh =
        GateEvaluator.evaluateAll(
                gate(
                    significance(
                        EnumSet.of(PairedTestKind.PAIRED_T),
                        0.02,
                        0,
                        CorrectionMethod.BENJAMINI_HOCHBERG)),
                candidates,
                champion,
                AT)
            .get(1);
    assertThat(uncorrected.passed()).isTrue();
    assertThat(holm.passed()).isFalse();
    assertThat(holm.outcomes().get(0).reason()).contains("(holm-adjusted 0.02378) is not <= 0.02");
    // fdr_bh: 0.011889713237872105 * 3 / 2
    assertThat(num(test(bh.outcomes().get(0), "paired_t").get("adjusted_p_value")))
        .isCloseTo(0.011889713237872105 * 1.5, within(TOL));
    assertThat(bh.passed()).isTrue();
  }

  @Test
  void unpairableRunsAreReportedAndFailTheRule() {
    GateDefinition gate =
        gate(significance(EnumSet.of(PairedTestKind.PAIRED_T), 0.05, 0, CorrectionMethod.HOLM));
    ModelEvidence champion = model("1", "test_r2", CHAMPION_R2);

    GateDecision noRuns =
        GateEvaluator.evaluate(gate, metricsOnly("2", Map.of("test_r2", 0.9)), champion, AT);
    assertThat(noRuns.passed()).isFalse();
    assertThat(noRuns.outcomes().get(0).reason())
        .startsWith("Version 2 has no seed runs to pair by 'seed'");

    ModelEvidence disjointSeeds =
        new ModelEvidence(
            "churn",
            "3",
            "run-v3",
            Map.of(),
            List.of(
                new SeedRun("a", Map.of("seed", "7"), Map.of("test_r2", 0.9)),
                new SeedRun("b", Map.of("seed", "1"), Map.of("test_r2", 0.9)),
                new SeedRun("c", Map.of(), Map.of("test_r2", 0.9)),
                new SeedRun("d", Map.of("seed", "2"), Map.of())));
    RuleOutcome outcome =
        GateEvaluator.evaluate(gate, disjointSeeds, champion, AT).outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.reason())
        .startsWith("Cannot pair candidate version 3 with champion version 1 by 'seed'")
        .contains("found 1 [1]");
    assertThat((List<?>) outcome.evidence().get("candidate_runs_excluded")).hasSize(2);

    ModelEvidence duplicated =
        new ModelEvidence(
            "churn",
            "4",
            "run-v4",
            Map.of(),
            List.of(
                new SeedRun("a", Map.of("seed", "1"), Map.of("test_r2", 0.9)),
                new SeedRun("b", Map.of("seed", "1"), Map.of("test_r2", 0.8))));
    assertThat(GateEvaluator.evaluate(gate, duplicated, champion, AT).outcomes().get(0).reason())
        .isEqualTo(
            "Runs a and b of version 4 both have seed = 1; a pairing key must identify one run.");
  }

  @Test
  void identicalRunsGiveANaNTestThatCannotPass() {
    GateDefinition gate =
        gate(significance(EnumSet.of(PairedTestKind.PAIRED_T), 0.05, 0, CorrectionMethod.HOLM));
    GateDecision decision =
        GateEvaluator.evaluate(
            gate, model("2", "test_r2", CHAMPION_R2), model("1", "test_r2", CHAMPION_R2), AT);
    RuleOutcome outcome = decision.outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(test(outcome, "paired_t").get("p_value")).isEqualTo("NaN");
    assertThat(test(outcome, "paired_t").get("family_size")).isEqualTo(0L);
  }

  @Test
  void significanceIsNotApplicableWithoutAChampion() {
    GateDefinition gate =
        gate(significance(EnumSet.of(PairedTestKind.PAIRED_T), 0.05, 0, CorrectionMethod.HOLM));
    GateDecision decision =
        GateEvaluator.evaluate(gate, model("1", "test_r2", CHAMPION_R2), null, AT);
    assertThat(decision.outcomes().get(0).status()).isEqualTo(OutcomeStatus.NOT_APPLICABLE);
    assertThat(decision.passed()).isTrue();
  }

  @Test
  void candidatesMustBeDistinct() {
    GateDefinition gate =
        gate(new Guardrail("safety", GuardrailKind.SAFETY_SCORE, "safety_score", 0.9));
    ModelEvidence candidate = metricsOnly("2", Map.of());
    assertThatThrownBy(
            () -> GateEvaluator.evaluateAll(gate, List.of(candidate, candidate), null, AT))
        .isInstanceOf(MledgerException.class)
        .hasMessage("Candidate version 2 of model 'churn' is listed twice.");
    assertThatThrownBy(() -> GateEvaluator.evaluateAll(gate, List.of(), null, AT))
        .isInstanceOf(MledgerException.class);
  }
}
