package dev.mledger.core.dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The expectations a dataset version must meet (for CI: {@code mledger data check}).
 *
 * @param name a label for messages (the contract file name, for example)
 * @param rules the rules, checked in order
 */
public record DataContract(String name, List<ContractRule> rules) {
  public DataContract {
    rules = List.copyOf(rules);
  }

  /** Checks every rule against {@code facts} at time {@code now}. */
  public CheckReport check(DatasetFacts facts, Instant now) {
    List<CheckOutcome> outcomes = new ArrayList<>();
    for (ContractRule rule : rules) {
      outcomes.addAll(rule.check(facts, now));
    }
    return new CheckReport(facts.name() + "@" + facts.version(), outcomes);
  }
}
