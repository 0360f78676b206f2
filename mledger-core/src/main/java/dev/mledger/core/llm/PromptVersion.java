package dev.mledger.core.llm;

import java.util.Map;
import java.util.Objects;

/**
 * One immutable version of a prompt.
 *
 * @param version 1, 2, ... in creation order
 * @param commitMessage what changed and why (may be empty)
 * @param tags free-form key/value metadata
 * @param createdBy who created it, or {@code null} when unknown
 * @param creationTime epoch milliseconds
 */
public record PromptVersion(
    String name,
    int version,
    PromptTemplate template,
    String commitMessage,
    Map<String, String> tags,
    String createdBy,
    long creationTime) {
  public PromptVersion {
    PromptNames.requireName(name);
    PromptNames.requireVersion(version);
    Objects.requireNonNull(template, "template");
    commitMessage = commitMessage == null ? "" : commitMessage;
    tags = Map.copyOf(tags == null ? Map.of() : tags);
  }

  /** {@code prompts:/name/version}. */
  public PromptUri.ByVersion uri() {
    return new PromptUri.ByVersion(name, version);
  }
}
