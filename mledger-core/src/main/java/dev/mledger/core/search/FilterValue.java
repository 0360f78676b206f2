package dev.mledger.core.search;

import java.util.List;

/** The right-hand side of a comparison. */
public sealed interface FilterValue {
  /** A numeric literal (metrics, numeric attributes). */
  record Number(double value) implements FilterValue {}

  /** A quoted string literal. */
  record Text(String value) implements FilterValue {}

  /** A parenthesised list of strings, for IN / NOT IN. */
  record TextList(List<String> values) implements FilterValue {
    public TextList {
      values = List.copyOf(values);
    }
  }
}
