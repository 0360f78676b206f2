package dev.mledger.core.lineage;

import dev.mledger.core.error.MledgerException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an edge {@code from → to} means; every edge points from a dependency to its dependent. */
public enum Relation {
  /** A dataset read by a job or run. */
  INPUT,
  /** A dataset written by a job or run. */
  OUTPUT,
  /** A run that trained a registered model version. */
  TRAINED,
  /** A dataset identity and one of its versions. */
  VERSION,
  /** The code version a run executed. */
  CODE,
  /** An artifact a model version or run needs. */
  ARTIFACT,
  /** The software environment (runtime, OS, dependencies) a run executed in. */
  ENVIRONMENT,
  /** A prompt version used by a run or an evaluation. */
  PROMPT,
  /** An evaluation of a model version (on a dataset, with a prompt version). */
  EVALUATED,
  /** A model version served by an endpoint. */
  DEPLOYED,
  /** Any other recorded derivation. */
  DERIVED;

  /** The lower-case wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively. */
  public static Relation parse(String text) {
    for (Relation r : values()) {
      if (r.name().equalsIgnoreCase(text)) {
        return r;
      }
    }
    throw MledgerException.invalidParameter(
        "Unknown lineage relation '"
            + text
            + "'; expected one of "
            + Arrays.stream(values()).map(Relation::wireName).collect(Collectors.joining(", "))
            + ".");
  }
}
