package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.Alternative;
import dev.mledger.core.stats.ConfidenceInterval;
import dev.mledger.core.stats.MultipleTestCorrection;
import dev.mledger.core.stats.MultipleTestResult;
import dev.mledger.core.stats.PairedComparison;
import dev.mledger.core.stats.PairedTTest;
import dev.mledger.core.stats.TTestResult;
import dev.mledger.core.stats.WilcoxonOptions;
import dev.mledger.core.stats.WilcoxonResult;
import dev.mledger.core.stats.WilcoxonSignedRankTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a {@link Significance} rule in two steps: {@link #measure} pairs each candidate's runs
 * with the champion's and runs the tests; {@link #decide} corrects the p-values across all
 * candidates of the evaluation and turns measurements into outcomes.
 */
final class SignificanceAnalysis {
  private SignificanceAnalysis() {}

  /** What {@link #measure} found for one candidate. */
  sealed interface Measurement permits Settled, Measured {}

  /** The rule's outcome is known without tests (no champion, too few pairs, …). */
  record Settled(RuleOutcome outcome) implements Measurement {}

  /** Paired statistics, before the multiple-comparison correction. */
  record Measured(
      Map<String, Object> evidence,
      ConfidenceInterval interval,
      double meanImprovement,
      Map<PairedTestKind, Double> pValues)
      implements Measurement {}

  static Measurement measure(Significance rule, ModelEvidence candidate, ModelEvidence champion) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("metric", rule.metric());
    evidence.put("direction", rule.direction().specName());
    evidence.put("pair_by", rule.pairBy());
    evidence.put("candidate_version", candidate.version());
    if (champion == null) {
      return settled(
          rule,
          OutcomeStatus.NOT_APPLICABLE,
          "There is no champion to test " + rule.metric() + " against.",
          evidence);
    }
    evidence.put("champion_version", champion.version());
    RunGroup candidateRuns = RunGroup.of(rule, candidate);
    RunGroup championRuns = RunGroup.of(rule, champion);
    evidence.put("candidate_runs_excluded", candidateRuns.excluded());
    evidence.put("champion_runs_excluded", championRuns.excluded());
    for (RunGroup group : List.of(candidateRuns, championRuns)) {
      if (group.problem() != null) {
        return settled(rule, OutcomeStatus.FAILED, group.problem(), evidence);
      }
    }

    // PairedComparison tests a − b; orient it so that a positive Δ is an improvement.
    boolean higher = rule.direction() == Direction.HIGHER_IS_BETTER;
    Map<String, Double> a = higher ? candidateRuns.values() : championRuns.values();
    Map<String, Double> b = higher ? championRuns.values() : candidateRuns.values();
    PairedComparison comparison;
    try {
      comparison = PairedComparison.of(a, b, Alternative.GREATER, rule.confidence());
    } catch (MledgerException e) {
      return settled(
          rule,
          OutcomeStatus.FAILED,
          "Cannot pair candidate version "
              + candidate.version()
              + " with champion version "
              + champion.version()
              + " by '"
              + rule.pairBy()
              + "': "
              + e.getMessage(),
          evidence);
    }

    List<String> keys = comparison.pairedSeeds();
    double[] improvements = new double[keys.size()];
    double[] shifted = new double[keys.size()];
    List<Object> pairs = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      improvements[i] = a.get(key) - b.get(key);
      shifted[i] = improvements[i] - rule.minEffect();
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("key", key);
      pair.put("candidate_run_id", candidateRuns.runIds().get(key));
      pair.put("champion_run_id", championRuns.runIds().get(key));
      pair.put("candidate_value", candidateRuns.values().get(key));
      pair.put("champion_value", championRuns.values().get(key));
      pair.put("improvement", improvements[i]);
      pairs.add(pair);
    }
    evidence.put("pairs", pairs);
    evidence.put(
        "unpaired_candidate_keys", higher ? comparison.seedsOnlyInA() : comparison.seedsOnlyInB());
    evidence.put(
        "unpaired_champion_keys", higher ? comparison.seedsOnlyInB() : comparison.seedsOnlyInA());
    evidence.put("n", (long) keys.size());
    evidence.put("candidate_mean", (higher ? comparison.a() : comparison.b()).mean());
    evidence.put("champion_mean", (higher ? comparison.b() : comparison.a()).mean());

    TTestResult twoSided =
        PairedTTest.testDifferences(improvements, Alternative.TWO_SIDED, rule.confidence());
    ConfidenceInterval interval = twoSided.interval();
    evidence.put("mean_improvement", twoSided.meanDelta());
    evidence.put("standard_error", twoSided.standardError());
    evidence.put("confidence", rule.confidence());
    evidence.put("ci_low", interval.low());
    evidence.put("ci_high", interval.high());
    evidence.put("min_effect", rule.minEffect());

    Map<PairedTestKind, Double> pValues = new EnumMap<>(PairedTestKind.class);
    Map<String, Object> tests = new LinkedHashMap<>();
    for (PairedTestKind kind : rule.tests()) {
      Map<String, Object> test = new LinkedHashMap<>();
      test.put("alternative", Alternative.GREATER.scipyName());
      if (kind == PairedTestKind.PAIRED_T) {
        TTestResult t =
            PairedTTest.testDifferences(shifted, Alternative.GREATER, rule.confidence());
        test.put("statistic", t.statistic());
        test.put("df", t.degreesOfFreedom());
        test.put("p_value", t.pValue());
        pValues.put(kind, t.pValue());
      } else {
        WilcoxonResult w =
            WilcoxonSignedRankTest.testDifferences(
                shifted, WilcoxonOptions.defaults().withAlternative(Alternative.GREATER));
        test.put("statistic", w.statistic());
        test.put("p_value", w.pValue());
        test.put("method", w.method().name().toLowerCase(java.util.Locale.ROOT));
        test.put("zero_differences", (long) w.zeroCount());
        pValues.put(kind, w.pValue());
      }
      tests.put(kind.specName(), test);
    }
    evidence.put("tests", tests);
    return new Measured(evidence, interval, twoSided.meanDelta(), pValues);
  }

  /**
   * Corrects each test's p-values across the measured candidates and decides every outcome. A NaN
   * p-value (no variation at all) cannot reject and stays out of the family.
   */
  static List<RuleOutcome> decide(Significance rule, List<Measurement> measurements) {
    Map<PairedTestKind, Map<Integer, Boolean>> rejected = new EnumMap<>(PairedTestKind.class);
    Map<PairedTestKind, Map<Integer, Double>> adjusted = new EnumMap<>(PairedTestKind.class);
    Map<PairedTestKind, Integer> familySizes = new EnumMap<>(PairedTestKind.class);
    for (PairedTestKind kind : rule.tests()) {
      List<Integer> members = new ArrayList<>();
      List<Double> pValues = new ArrayList<>();
      for (int i = 0; i < measurements.size(); i++) {
        if (measurements.get(i) instanceof Measured measured) {
          double p = measured.pValues().get(kind);
          if (!Double.isNaN(p)) {
            members.add(i);
            pValues.add(p);
          }
        }
      }
      familySizes.put(kind, members.size());
      Map<Integer, Boolean> rejectedHere = new TreeMap<>();
      Map<Integer, Double> adjustedHere = new TreeMap<>();
      if (!members.isEmpty()) {
        double[] p = pValues.stream().mapToDouble(Double::doubleValue).toArray();
        if (rule.correction().adjustment().isPresent()) {
          MultipleTestResult result =
              MultipleTestCorrection.adjust(p, rule.correction().adjustment().get(), rule.alpha());
          for (int m = 0; m < members.size(); m++) {
            rejectedHere.put(members.get(m), result.results().get(m).rejected());
            adjustedHere.put(members.get(m), result.results().get(m).adjusted());
          }
        } else {
          for (int m = 0; m < members.size(); m++) {
            rejectedHere.put(members.get(m), p[m] <= rule.alpha());
            adjustedHere.put(members.get(m), p[m]);
          }
        }
      }
      rejected.put(kind, rejectedHere);
      adjusted.put(kind, adjustedHere);
    }

    List<RuleOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < measurements.size(); i++) {
      Measurement measurement = measurements.get(i);
      if (measurement instanceof Settled settled) {
        outcomes.add(settled.outcome());
        continue;
      }
      Measured measured = (Measured) measurement;
      Map<String, Object> evidence = new LinkedHashMap<>(measured.evidence());
      evidence.put("alpha", rule.alpha());
      evidence.put("correction", rule.correction().specName());
      List<String> failures = new ArrayList<>();
      List<String> passes = new ArrayList<>();
      boolean intervalClears = measured.interval().low() > rule.minEffect();
      String intervalText =
          GateText.number(rule.confidence() * 100)
              + "% CI of the improvement ["
              + GateText.brief(measured.interval().low())
              + ", "
              + GateText.brief(measured.interval().high())
              + "]";
      if (intervalClears) {
        passes.add(intervalText + " lies above " + GateText.number(rule.minEffect()));
      } else {
        failures.add(
            intervalText
                + " does not exclude improvements <= "
                + GateText.number(rule.minEffect()));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tests = new LinkedHashMap<>((Map<String, Object>) evidence.get("tests"));
      for (PairedTestKind kind : rule.tests()) {
        Map<String, Object> test = new LinkedHashMap<>(castMap(tests.get(kind.specName())));
        boolean reject = rejected.get(kind).getOrDefault(i, false);
        Double adjustedP = adjusted.get(kind).get(i);
        test.put("adjusted_p_value", adjustedP == null ? Double.NaN : adjustedP);
        test.put("family_size", (long) familySizes.get(kind));
        test.put("rejects_null", reject);
        tests.put(kind.specName(), test);
        String pText =
            kind.specName()
                + " p = "
                + GateText.brief(measured.pValues().get(kind))
                + (rule.correction() == CorrectionMethod.NONE || adjustedP == null
                    ? ""
                    : " ("
                        + rule.correction().specName()
                        + "-adjusted "
                        + GateText.brief(adjustedP)
                        + ")");
        if (reject) {
          passes.add(pText + " <= " + GateText.number(rule.alpha()));
        } else {
          failures.add(pText + " is not <= " + GateText.number(rule.alpha()));
        }
      }
      evidence.put("tests", tests);
      String subject =
          "Mean improvement of "
              + rule.metric()
              + " = "
              + GateText.brief(measured.meanImprovement())
              + " over "
              + evidence.get("n")
              + " pairs; ";
      outcomes.add(
          new RuleOutcome(
              rule.name(),
              rule.type(),
              failures.isEmpty() ? OutcomeStatus.PASSED : OutcomeStatus.FAILED,
              subject + String.join("; ", failures.isEmpty() ? passes : failures) + ".",
              evidence));
    }
    return outcomes;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Measurement settled(
      Significance rule, OutcomeStatus status, String reason, Map<String, Object> evidence) {
    return new Settled(new RuleOutcome(rule.name(), rule.type(), status, reason, evidence));
  }
}
