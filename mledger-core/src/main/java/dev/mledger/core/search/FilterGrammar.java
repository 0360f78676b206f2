package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for search filters, shared by runs and experiments; what keys, values
 * and comparators mean is left to a {@link ComparisonRules}.
 *
 * <pre>
 * filter      := disjunction EOF
 * disjunction := conjunction ( OR conjunction )*
 * conjunction := AND* primary ( AND* primary )* AND*
 * primary     := '(' disjunction ')' | comparison
 * comparison  := identifier operator operand
 * </pre>
 *
 * MLflow itself knows no OR and no parentheses, and (because it only checks that every top-level
 * token is a comparison or AND) accepts stray or missing ANDs between comparisons: {@code a > 1 b <
 * 2} and {@code AND a > 1 AND} are both valid MLflow filters. The grammar keeps that leniency so
 * that every MLflow filter parses identically.
 */
final class FilterGrammar {

  /** Turns one syntactically complete comparison into an AST node, or rejects it. */
  interface ComparisonRules {
    FilterExpr.Comparison comparison(FilterToken identifier, FilterToken operator, RawOperand rhs);
  }

  /**
   * The syntax tree before the comparison rules run. MLflow reports invalid clauses anywhere in the
   * filter before it looks at any single comparison, so rules apply only once the whole string is
   * known to be well formed.
   */
  private sealed interface Node {
    record Junction(boolean and, List<Node> terms) implements Node {}

    record Pending(FilterToken identifier, FilterToken operator, RawOperand rhs) implements Node {}
  }

  /** Bounds recursion so hostile input cannot exhaust the stack. */
  static final int MAX_NESTING = 100;

  private final String input;
  private final List<FilterToken> tokens;
  private final ComparisonRules rules;
  private int pos;
  private int depth;

  private FilterGrammar(String input, List<FilterToken> tokens, ComparisonRules rules) {
    this.input = input;
    this.tokens = tokens;
    this.rules = rules;
  }

  /** Parses {@code input}; null when it holds no comparison at all (blank, or only ANDs). */
  static FilterExpr parse(String input, ComparisonRules rules) {
    if (input == null || input.isEmpty()) {
      return null;
    }
    List<FilterToken> all = FilterLexer.tokenize(input);
    rejectMultipleStatements(input, all);
    List<FilterToken> significant = new ArrayList<>();
    for (FilterToken t : all) {
      if (!t.is(Kind.WHITESPACE)) {
        significant.add(t);
      }
    }
    FilterGrammar grammar = new FilterGrammar(input, significant, rules);
    Node tree = grammar.disjunction(true);
    if (!grammar.atEnd()) {
      throw grammar.invalidClause(grammar.peek());
    }
    return tree == null ? null : grammar.build(tree);
  }

  private FilterExpr build(Node node) {
    if (node instanceof Node.Pending p) {
      return rules.comparison(p.identifier(), p.operator(), p.rhs());
    }
    Node.Junction j = (Node.Junction) node;
    List<FilterExpr> terms = new ArrayList<>(j.terms().size());
    for (Node term : j.terms()) {
      terms.add(build(term));
    }
    return j.and() ? new FilterExpr.And(terms) : new FilterExpr.Or(terms);
  }

  /** sqlparse splits at semicolons; MLflow refuses more than one statement. */
  private static void rejectMultipleStatements(String input, List<FilterToken> all) {
    boolean afterSemicolon = false;
    for (FilterToken t : all) {
      if (afterSemicolon && !t.is(Kind.WHITESPACE)) {
        throw MledgerException.invalidParameter(
            "Search filter contained multiple expression '"
                + input
                + "'. Provide AND-ed expression list.");
      }
      afterSemicolon |= t.is(Kind.SEMICOLON);
    }
  }

  private Node disjunction(boolean topLevel) {
    List<Node> terms = new ArrayList<>();
    Node first = conjunction();
    if (first == null) {
      if (topLevel && atEnd()) {
        return null;
      }
      throw invalidClause(atEnd() ? null : peek());
    }
    terms.add(first);
    while (!atEnd() && peek().isKeyword("OR")) {
      FilterToken or = next();
      Node term = conjunction();
      if (term == null) {
        throw invalidClause(atEnd() ? or : peek());
      }
      terms.add(term);
    }
    return terms.size() == 1 ? terms.get(0) : new Node.Junction(false, terms);
  }

  private Node conjunction() {
    List<Node> terms = new ArrayList<>();
    skipAnds();
    while (!atEnd() && startsPrimary(peek())) {
      terms.add(primary());
      skipAnds();
    }
    if (terms.isEmpty()) {
      return null;
    }
    return terms.size() == 1 ? terms.get(0) : new Node.Junction(true, terms);
  }

  private void skipAnds() {
    while (!atEnd() && peek().isKeyword("AND")) {
      pos++;
    }
  }

  private static boolean startsPrimary(FilterToken t) {
    return t.isIdentifierPart()
        || t.is(Kind.LPAREN)
        || t.is(Kind.INTEGER)
        || t.is(Kind.FLOAT)
        || t.is(Kind.HEX)
        || t.is(Kind.STRING);
  }

  private Node primary() {
    FilterToken first = peek();
    if (first.is(Kind.LPAREN)) {
      next();
      if (++depth > MAX_NESTING) {
        throw MledgerException.invalidParameter(
            "Invalid clause(s) in filter string: parentheses nested deeper than "
                + MAX_NESTING
                + " levels (at position "
                + first.start()
                + ")");
      }
      Node inner = disjunction(false);
      depth--;
      if (atEnd() || !peek().is(Kind.RPAREN)) {
        throw atEnd()
            ? MledgerException.invalidParameter(
                "Invalid clause(s) in filter string: '"
                    + input.substring(first.start()).strip()
                    + "' (unbalanced parenthesis at position "
                    + first.start()
                    + ")")
            : invalidClause(peek());
      }
      next();
      return inner;
    }
    if (!first.isIdentifierPart()) {
      // A literal on the left: MLflow groups `1 = 1` as a comparison and then rejects it.
      next();
      if (!atEnd() && peek().is(Kind.OPERATOR)) {
        throw MledgerException.invalidParameter(
            "Invalid comparison clause. Expected 'Identifier' found '" + first.text() + "'");
      }
      throw invalidClause(first);
    }
    FilterToken identifier = identifier();
    if (atEnd() || !peek().is(Kind.OPERATOR)) {
      throw invalidClause(identifier);
    }
    FilterToken operator = next();
    RawOperand rhs = operand(identifier, operator);
    return new Node.Pending(identifier, operator, rhs);
  }

  /**
   * A chain of adjacent names, quoted names and dots, as one token with the source text. Like
   * sqlparse, empty segments are kept ({@code metrics..a} has key {@code .a}, {@code metrics.} the
   * empty key); MLflow's key rules then apply to the text.
   */
  private FilterToken identifier() {
    FilterToken first = next();
    int end = first.end();
    while (!atEnd() && peek().is(Kind.DOT) && peek().start() == end) {
      end = next().end();
      if (!atEnd() && peek().isIdentifierPart() && peek().start() == end) {
        end = next().end();
      }
    }
    return new FilterToken(Kind.NAME, input.substring(first.start(), end), first.start());
  }

  private RawOperand operand(FilterToken identifier, FilterToken operator) {
    if (atEnd()) {
      throw invalidClause(identifier, operator);
    }
    FilterToken t = peek();
    switch (t.kind()) {
      case INTEGER, FLOAT -> {
        next();
        return new RawOperand.NumberLiteral(t.text());
      }
      case HEX -> {
        next();
        return new RawOperand.OtherLiteral(t.text());
      }
      case STRING -> {
        next();
        return new RawOperand.StringLiteral(t.text());
      }
      case NAME, SYMBOL -> {
        return new RawOperand.Identifier(identifier().text());
      }
      case LPAREN -> {
        return list();
      }
      default -> throw invalidClause(identifier, operator, t);
    }
  }

  /** A parenthesised list; elements are kept raw so the rules can report MLflow's messages. */
  private RawOperand list() {
    FilterToken open = next();
    List<FilterToken> elements = new ArrayList<>();
    boolean wellFormed = true;
    boolean expectElement = true;
    while (!atEnd() && !peek().is(Kind.RPAREN)) {
      FilterToken t = next();
      if (t.is(Kind.LPAREN)) {
        throw invalidClause(t);
      }
      if (t.is(Kind.COMMA)) {
        wellFormed &= !expectElement;
        expectElement = true;
      } else {
        wellFormed &= expectElement;
        expectElement = false;
        elements.add(t);
      }
    }
    if (atEnd()) {
      throw MledgerException.invalidParameter(
          "Invalid clause(s) in filter string: '"
              + input.substring(open.start()).strip()
              + "' (unbalanced parenthesis at position "
              + open.start()
              + ")");
    }
    FilterToken close = next();
    String text = input.substring(open.start(), close.end());
    boolean trailingComma = expectElement && !elements.isEmpty();
    return new RawOperand.ListLiteral(text, wellFormed ? elements : null, trailingComma);
  }

  private boolean atEnd() {
    return pos >= tokens.size();
  }

  private FilterToken peek() {
    return tokens.get(pos);
  }

  private FilterToken next() {
    return tokens.get(pos++);
  }

  private MledgerException invalidClause(FilterToken... offending) {
    StringBuilder quoted = new StringBuilder();
    int position = input.length();
    for (FilterToken t : offending) {
      if (t == null) {
        continue;
      }
      if (quoted.length() > 0) {
        quoted.append(", ");
      }
      quoted.append('\'').append(t.text()).append('\'');
      position = Math.min(position, t.start());
    }
    if (quoted.length() == 0) {
      return MledgerException.invalidParameter(
          "Invalid clause(s) in filter string: expected a comparison at the end of '"
              + input
              + "'");
    }
    return MledgerException.invalidParameter(
        "Invalid clause(s) in filter string: " + quoted + " (at position " + position + ")");
  }
}
