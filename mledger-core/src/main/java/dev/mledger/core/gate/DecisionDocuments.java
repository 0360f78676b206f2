package dev.mledger.core.gate;

import dev.mledger.core.envelope.CanonicalJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON document of a {@link GateDecision}, its canonical form (RFC 8785 via {@link
 * CanonicalJson}) and SHA-256 digest. The digest covers everything in the decision, so a stored
 * decision whose document no longer matches its digest has been altered.
 */
public final class DecisionDocuments {
  /** Identifies the document layout; part of the digested content. */
  public static final String SCHEMA = "mledger.gate-decision/1";

  private static final Set<String> FIELDS =
      Set.of(
          "schema",
          "gate",
          "gate_digest",
          "model_name",
          "candidate_version",
          "candidate_run_id",
          "champion_version",
          "champion_run_id",
          "family",
          "evaluated_at",
          "passed",
          "outcomes");
  private static final Set<String> OUTCOME_FIELDS =
      Set.of("rule", "type", "status", "reason", "evidence");

  private DecisionDocuments() {}

  /** The decision as a JSON tree (insertion-ordered maps for readable output). */
  public static Map<String, Object> toTree(GateDecision decision) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("schema", SCHEMA);
    tree.put("model_name", decision.modelName());
    tree.put("candidate_version", decision.candidateVersion());
    tree.put("candidate_run_id", decision.candidateRunId());
    tree.put("champion_version", decision.championVersion());
    tree.put("champion_run_id", decision.championRunId());
    tree.put("family", decision.family());
    tree.put("evaluated_at", decision.evaluatedAt().toString());
    tree.put("passed", decision.passed());
    tree.put("gate", GateSpecs.toTree(decision.gate()));
    tree.put("gate_digest", GateSpecs.digest(decision.gate()));
    List<Object> outcomes = new ArrayList<>();
    for (RuleOutcome outcome : decision.outcomes()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("rule", outcome.rule());
      o.put("type", outcome.type());
      o.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
      o.put("reason", outcome.reason());
      o.put("evidence", outcome.evidence());
      outcomes.add(o);
    }
    tree.put("outcomes", outcomes);
    return tree;
  }

  /** The canonical JSON text of the decision. */
  public static String canonicalJson(GateDecision decision) {
    return CanonicalJson.write(toTree(decision));
  }

  /** Lower-case hex SHA-256 of {@link #canonicalJson}. */
  public static String digest(GateDecision decision) {
    return CanonicalJson.sha256(toTree(decision));
  }

  /**
   * Reads a decision back from its document.
   *
   * @throws InvalidGateException when the document is malformed, or its recorded {@code passed} or
   *     {@code gate_digest} contradict its content
   */
  public static GateDecision fromTree(Object tree) {
    SpecObject doc = SpecObject.of(tree, "");
    doc.allowOnly(FIELDS);
    if (!SCHEMA.equals(doc.raw("schema"))) {
      throw new InvalidGateException(
          "schema", "unsupported decision document " + SpecObject.describe(doc.raw("schema")));
    }
    GateDefinition gate = GateSpecs.fromTree(doc.raw("gate"));
    Instant evaluatedAt;
    try {
      evaluatedAt = Instant.parse(doc.string("evaluated_at"));
    } catch (DateTimeParseException e) {
      throw new InvalidGateException("evaluated_at", "not an ISO-8601 instant.");
    }
    List<String> family = new ArrayList<>();
    for (Object version : doc.list("family")) {
      family.add(String.valueOf(version));
    }
    List<RuleOutcome> outcomes = new ArrayList<>();
    List<?> outcomeTrees = doc.list("outcomes");
    for (int i = 0; i < outcomeTrees.size(); i++) {
      SpecObject o = SpecObject.of(outcomeTrees.get(i), "outcomes[" + i + "]");
      o.allowOnly(OUTCOME_FIELDS);
      OutcomeStatus status;
      try {
        status = OutcomeStatus.valueOf(o.string("status").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidGateException(o.child("status"), "unknown status.");
      }
      Object evidence = o.raw("evidence");
      if (!(evidence instanceof Map<?, ?> evidenceMap)) {
        throw new InvalidGateException(o.child("evidence"), "expected an object.");
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      evidenceMap.forEach((k, v) -> copy.put(String.valueOf(k), v));
      outcomes.add(
          new RuleOutcome(o.string("rule"), o.string("type"), status, o.string("reason"), copy));
    }
    GateDecision decision =
        new GateDecision(
            gate,
            doc.string("model_name"),
            doc.string("candidate_version"),
            optionalString(doc, "candidate_run_id"),
            optionalString(doc, "champion_version"),
            optionalString(doc, "champion_run_id"),
            family,
            evaluatedAt,
            outcomes);
    if (!Boolean.valueOf(decision.passed()).equals(doc.raw("passed"))) {
      throw new InvalidGateException("passed", "contradicts the rule outcomes.");
    }
    if (!GateSpecs.digest(gate).equals(doc.raw("gate_digest"))) {
      throw new InvalidGateException("gate_digest", "does not match the embedded gate.");
    }
    return decision;
  }

  private static String optionalString(SpecObject doc, String key) {
    return doc.has(key) ? doc.string(key) : null;
  }
}
