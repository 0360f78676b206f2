package dev.mledger.core.search;

/**
 * One lexical token of a search filter or order-by clause. {@code text} is exactly the source
 * slice, so error messages can quote what the user wrote; {@code start} is its 0-based offset.
 */
record FilterToken(Kind kind, String text, int start) {

  /** Token classes, mirroring the ones MLflow's SQL tokenizer (sqlparse) distinguishes. */
  enum Kind {
    WHITESPACE,
    /** A bare word that is not a reserved keyword, or a backtick/bracket-quoted name. */
    NAME,
    /** A double-quoted string; MLflow treats it as an identifier, usable as key or value. */
    SYMBOL,
    /** A single-quoted string literal. */
    STRING,
    INTEGER,
    FLOAT,
    /** A hexadecimal literal such as {@code 0x1F}: lexed, but never a valid value. */
    HEX,
    /** A comparison operator: a run of {@code <>=~!}, or LIKE/ILIKE/IN with optional NOT. */
    OPERATOR,
    /** A reserved word such as AND, OR, NOT, NULL, TRUE. */
    KEYWORD,
    DOT,
    COMMA,
    LPAREN,
    RPAREN,
    SEMICOLON,
    /** Anything else (arithmetic operators, comments, stray quotes): never valid. */
    OTHER;
  }

  int end() {
    return start + text.length();
  }

  boolean is(Kind k) {
    return kind == k;
  }

  boolean isKeyword(String word) {
    return kind == Kind.KEYWORD && text.equalsIgnoreCase(word);
  }

  /** Whether this token can be (part of) an identifier such as {@code metrics."my key"}. */
  boolean isIdentifierPart() {
    return kind == Kind.NAME || kind == Kind.SYMBOL;
  }
}
