package dev.mledger.core.lineage;

import java.util.Locale;

/** The kinds of lineage nodes, with the prefix of their ids and their Marquez node type. */
public enum NodeKind {
  DATASET,
  JOB,
  RUN,
  MODEL,
  ENDPOINT,
  CODE,
  ARTIFACT,
  ENVIRONMENT,
  PROMPT,
  EVALUATION;

  /** The id prefix, e.g. {@code dataset} in {@code dataset:file/data/raw.csv}. */
  public String prefix() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The node type in the Marquez graph document ({@code DATASET}, {@code JOB}, ...). */
  public String marquezType() {
    return name();
  }
}
