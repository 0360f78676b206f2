package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A promotion gate: named rules a candidate model version must all pass.
 *
 * @param name the gate's name
 * @param description free text shown in decisions and model cards; may be empty
 * @param rules the rules, at least one, with unique names, evaluated in this order
 */
public record GateDefinition(String name, String description, List<GateRule> rules) {

  public GateDefinition {
    GateArguments.requireText("name", name);
    description = description == null ? "" : description;
    GateArguments.requireNonNull("rules", rules);
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw MledgerException.invalidParameter("A gate needs at least one rule.");
    }
    Set<String> names = new HashSet<>();
    for (GateRule rule : rules) {
      if (!names.add(rule.name())) {
        throw MledgerException.invalidParameter(
            "Rule names must be unique within a gate; '"
                + rule.name()
                + "' is used twice (give one of the rules an explicit name).");
      }
    }
  }
}
