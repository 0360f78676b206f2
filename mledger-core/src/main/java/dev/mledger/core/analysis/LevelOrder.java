package dev.mledger.core.analysis;

/** How the levels of a param are ordered in an effect analysis. */
public enum LevelOrder {
  /** Every value is a decimal number: levels sort by numeric value (so 2 comes before 10). */
  NUMERIC,
  /** Some value is not a number: levels sort as strings. */
  LEXICAL
}
