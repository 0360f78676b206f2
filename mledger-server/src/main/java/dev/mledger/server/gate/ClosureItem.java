package dev.mledger.server.gate;

import java.util.Locale;

/**
 * One dependency of a model version checked for a rollback.
 *
 * @param kind what it is: {@code model_version}, {@code model_artifacts}, {@code source_run},
 *     {@code envelope}, {@code dataset}, {@code input_artifact}
 * @param item which one (URI, run id, dataset name and digest)
 * @param status whether it resolves
 * @param detail why, in one sentence
 */
public record ClosureItem(String kind, String item, Status status, String detail) {

  /** Whether a dependency resolves. */
  public enum Status {
    RESOLVED,
    MISSING,
    /** Cannot be checked from this process (no client for its storage, no dataset registry). */
    UNVERIFIABLE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
