package dev.mledger.core.gate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates the rules that compare single values: metric thresholds and guardrails. */
final class ThresholdChecks {
  private ThresholdChecks() {}

  static RuleOutcome metricThreshold(
      MetricThreshold rule, ModelEvidence candidate, ModelEvidence champion) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("metric", rule.metric());
    evidence.put("direction", rule.direction().specName());
    evidence.put("candidate_version", candidate.version());
    evidence.put("candidate_run_id", candidate.runId());
    Double value = candidate.metrics().get(rule.metric());
    evidence.put("candidate_value", value);
    if (rule.bound() instanceof ThresholdBound.VersusChampion versus) {
      return versusChampion(rule, versus, candidate, champion, value, evidence);
    }
    double threshold = ((ThresholdBound.Absolute) rule.bound()).value();
    evidence.put("threshold", threshold);
    if (value == null) {
      return missing(rule, evidence, "candidate", candidate);
    }
    boolean met = rule.direction().meets(value, threshold);
    return outcome(
        rule,
        met,
        rule.metric()
            + " = "
            + GateText.number(value)
            + (met ? " " : " is not ")
            + rule.direction().operator()
            + " "
            + GateText.number(threshold)
            + ".",
        evidence);
  }

  private static RuleOutcome versusChampion(
      MetricThreshold rule,
      ThresholdBound.VersusChampion bound,
      ModelEvidence candidate,
      ModelEvidence champion,
      Double value,
      Map<String, Object> evidence) {
    evidence.put("min_improvement", bound.minImprovement());
    evidence.put("relative", bound.relative());
    if (champion == null) {
      return new RuleOutcome(
          rule.name(),
          rule.type(),
          OutcomeStatus.NOT_APPLICABLE,
          "There is no champion to compare " + rule.metric() + " with.",
          evidence);
    }
    evidence.put("champion_version", champion.version());
    evidence.put("champion_run_id", champion.runId());
    Double reference = champion.metrics().get(rule.metric());
    evidence.put("champion_value", reference);
    if (value == null) {
      return missing(rule, evidence, "candidate", candidate);
    }
    if (reference == null) {
      return missing(rule, evidence, "champion", champion);
    }
    double improvement = rule.direction().improvement(value, reference);
    if (bound.relative()) {
      if (reference == 0.0) {
        return new RuleOutcome(
            rule.name(),
            rule.type(),
            OutcomeStatus.FAILED,
            "A relative improvement of "
                + rule.metric()
                + " is undefined because the champion's value is 0.",
            evidence);
      }
      improvement /= Math.abs(reference);
    }
    evidence.put("improvement", improvement);
    boolean met = improvement >= bound.minImprovement();
    String unit = bound.relative() ? " (relative)" : "";
    return outcome(
        rule,
        met,
        "Improvement of "
            + rule.metric()
            + " over champion version "
            + champion.version()
            + " is "
            + GateText.brief(improvement)
            + unit
            + (met ? ", at least " : ", less than the required ")
            + GateText.number(bound.minImprovement())
            + " ("
            + GateText.number(value)
            + " vs "
            + GateText.number(reference)
            + ").",
        evidence);
  }

  static RuleOutcome guardrail(Guardrail rule, ModelEvidence candidate) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("kind", rule.kind().specName());
    evidence.put("metric", rule.metric());
    evidence.put("limit", rule.limit());
    evidence.put("candidate_version", candidate.version());
    evidence.put("candidate_run_id", candidate.runId());
    Double value = candidate.metrics().get(rule.metric());
    evidence.put("candidate_value", value);
    if (value == null) {
      return missing(rule, evidence, "candidate", candidate);
    }
    Direction direction = rule.kind().direction();
    boolean met = direction.meets(value, rule.limit());
    return outcome(
        rule,
        met,
        rule.metric()
            + " = "
            + GateText.number(value)
            + (met ? " " : " is not ")
            + direction.operator()
            + " "
            + GateText.number(rule.limit())
            + ".",
        evidence);
  }

  private static RuleOutcome outcome(
      GateRule rule, boolean met, String reason, Map<String, Object> evidence) {
    return new RuleOutcome(
        rule.name(),
        rule.type(),
        met ? OutcomeStatus.PASSED : OutcomeStatus.FAILED,
        reason,
        evidence);
  }

  private static RuleOutcome missing(
      GateRule rule, Map<String, Object> evidence, String role, ModelEvidence model) {
    return new RuleOutcome(
        rule.name(),
        rule.type(),
        OutcomeStatus.FAILED,
        "The "
            + role
            + " (version "
            + model.version()
            + (model.runId() == null ? ", no source run" : ", run " + model.runId())
            + ") has no metric '"
            + rule.metric()
            + "'.",
        evidence);
  }
}
