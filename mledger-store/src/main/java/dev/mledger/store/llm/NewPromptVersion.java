package dev.mledger.store.llm;

import dev.mledger.core.llm.PromptNames;
import dev.mledger.core.llm.PromptTemplate;
import java.util.Map;
import java.util.Objects;

/**
 * A prompt version to create; the store assigns the number.
 *
 * @param description used only when this version creates the prompt
 * @param createdBy may be {@code null}
 */
public record NewPromptVersion(
    String name,
    PromptTemplate template,
    String commitMessage,
    Map<String, String> tags,
    String createdBy,
    String description) {
  public NewPromptVersion {
    PromptNames.requireName(name);
    Objects.requireNonNull(template, "template");
    commitMessage = commitMessage == null ? "" : commitMessage;
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    description = description == null ? "" : description;
  }
}
