package dev.mledger.core.llm;

import java.util.Map;
import java.util.TreeMap;

/**
 * A registered prompt: a name under which immutable {@link PromptVersion}s accumulate.
 *
 * @param latestVersion the newest version number, 0 before the first version
 * @param aliases alias → version, sorted by alias
 * @param creationTime epoch milliseconds
 * @param lastUpdatedTime epoch milliseconds of the last new version or alias change
 */
public record Prompt(
    String name,
    String description,
    int latestVersion,
    Map<String, Integer> aliases,
    long creationTime,
    long lastUpdatedTime) {
  public Prompt {
    PromptNames.requireName(name);
    description = description == null ? "" : description;
    aliases =
        java.util.Collections.unmodifiableMap(new TreeMap<>(aliases == null ? Map.of() : aliases));
  }
}
