package dev.mledger.core.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every outcome of checking one dataset version against a contract.
 *
 * @param dataset the checked version as {@code NAME@VERSION}
 * @param outcomes one per check, in contract order
 */
public record CheckReport(String dataset, List<CheckOutcome> outcomes) {
  public CheckReport {
    outcomes = List.copyOf(outcomes);
  }

  /** The worst outcome; PASS for a contract without checks. */
  public CheckStatus status() {
    CheckStatus worst = CheckStatus.PASS;
    for (CheckOutcome o : outcomes) {
      worst = worst.worst(o.status());
    }
    return worst;
  }

  /** Whether nothing blocks (warnings allowed). */
  public boolean passed() {
    return status() != CheckStatus.BLOCK;
  }

  /** Outcomes with {@code status}. */
  public List<CheckOutcome> withStatus(CheckStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).toList();
  }

  /** JSON form: dataset, status, passed, counts and outcomes. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", dataset);
    m.put("status", status().jsonName());
    m.put("passed", passed());
    m.put("warnings", withStatus(CheckStatus.WARN).size());
    m.put("blocking", withStatus(CheckStatus.BLOCK).size());
    m.put("checks", outcomes.stream().map(CheckOutcome::toMap).toList());
    return m;
  }
}
