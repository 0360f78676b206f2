package dev.mledger.core.search;

import java.util.List;

/**
 * The right-hand side of a comparison as written, before the entity-specific rules decide whether
 * it is acceptable. {@code text} is the source text, quoted in error messages as MLflow does.
 */
sealed interface RawOperand {

  String text();

  /** An integer or float literal. */
  record NumberLiteral(String text) implements RawOperand {}

  /** A single-quoted string literal, quotes included. */
  record StringLiteral(String text) implements RawOperand {}

  /**
   * An identifier-like operand: a double-quoted string, a backtick name, a bare word or a dotted
   * chain of them. MLflow accepts it as a string value only when it is wholly quoted.
   */
  record Identifier(String text) implements RawOperand {}

  /** Any other literal (hexadecimal numbers): never a valid value. */
  record OtherLiteral(String text) implements RawOperand {}

  /**
   * A parenthesised list. {@code elements} holds the raw element tokens (strings, numbers,
   * identifiers) or is null when the list is not a comma-separated sequence of single tokens;
   * {@code trailingComma} marks {@code ('a',)}, which MLflow rejects as ill-formed.
   */
  record ListLiteral(String text, List<FilterToken> elements, boolean trailingComma)
      implements RawOperand {}
}
