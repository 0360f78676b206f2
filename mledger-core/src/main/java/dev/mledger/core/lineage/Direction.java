package dev.mledger.core.lineage;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** Which way a traversal follows edges. */
public enum Direction {
  /** Towards dependencies: from an edge's {@code to} to its {@code from}. */
  UPSTREAM,
  /** Towards dependents: from an edge's {@code from} to its {@code to}. */
  DOWNSTREAM,
  /** Both traversals from the same start, merged (siblings of the start are not included). */
  BOTH;

  /** Parses {@code upstream}, {@code downstream} or {@code both}, case-insensitively. */
  public static Direction parse(String text) {
    for (Direction d : values()) {
      if (d.name().equalsIgnoreCase(text)) {
        return d;
      }
    }
    throw MledgerException.invalidParameter(
        "Invalid lineage direction '" + text + "'; expected upstream, downstream or both.");
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
