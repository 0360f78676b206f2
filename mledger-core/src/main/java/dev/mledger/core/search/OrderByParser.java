package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterToken.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code order_by} clauses such as {@code metrics.rmse DESC}, {@code attributes.start_time},
 * {@code params.`learning rate` ASC} with MLflow 2.17's rules: one key per clause, optionally
 * followed by ASC or DESC (any case, default ascending). Attribute aliases ({@code created}) map to
 * canonical keys. Errors are {@link MledgerException}s with {@code INVALID_PARAMETER_VALUE} and
 * MLflow's messages.
 */
public final class OrderByParser {

  private OrderByParser() {}

  /**
   * Order-by clauses of search-runs: metrics, params, tags and the run attributes ({@code
   * start_time}, {@code end_time}, {@code run_name}, {@code status}, {@code user_id}, {@code
   * artifact_uri}, {@code run_id}; {@code created} is an alias of {@code start_time}).
   *
   * @param clauses the request's order_by list; null or empty means the store's default order
   */
  public static List<OrderBy> forRuns(List<String> clauses) {
    List<OrderBy> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String clause : nonNull(clauses)) {
      Parsed parsed = split(clause);
      RunFilterParser.ResolvedKey resolved =
          RunFilterParser.resolveIdentifier(
              parsed.identifier().strip(), RunFilterParser.ORDERABLE_ATTRIBUTE_SPELLINGS);
      if (resolved.type() == EntityType.DATASET) {
        throw MledgerException.invalidParameter("Invalid identifier type 'dataset'");
      }
      String key =
          resolved.type() == EntityType.ATTRIBUTE
              ? RunFilterParser.canonicalAttribute(resolved.key())
              : resolved.key();
      if (!seen.add(resolved.type() + "\u0000" + key)) {
        throw duplicates(clauses);
      }
      result.add(new OrderBy(resolved.type(), key, parsed.ascending()));
    }
    return List.copyOf(result);
  }

  /**
   * Order-by clauses of search-experiments: {@code name}, {@code experiment_id}, {@code
   * creation_time}, {@code last_update_time} (bare or as {@code attribute.x}).
   *
   * @param clauses the request's order_by list; null or empty means the store's default order
   */
  public static List<OrderBy> forExperiments(List<String> clauses) {
    List<OrderBy> result = new ArrayList<>();
    for (String clause : nonNull(clauses)) {
      Parsed parsed = split(clause);
      RunFilterParser.ResolvedKey resolved =
          ExperimentFilterParser.resolveIdentifier(
              parsed.identifier().strip(), SearchKeys.EXPERIMENT_ORDER_BY_ATTRIBUTES);
      if (resolved.type() != EntityType.ATTRIBUTE) {
        throw MledgerException.invalidParameter("Invalid order_by entity: tag");
      }
      result.add(new OrderBy(EntityType.ATTRIBUTE, resolved.key(), parsed.ascending()));
    }
    return List.copyOf(result);
  }

  static List<String> nonNull(List<String> clauses) {
    if (clauses == null) {
      return List.of();
    }
    for (String c : clauses) {
      if (c == null) {
        throw MledgerException.invalidParameter(
            "Invalid order_by clause 'None'. Could not be parsed.");
      }
    }
    return clauses;
  }

  static MledgerException duplicates(List<String> clauses) {
    return MledgerException.invalidParameter(
        "`order_by` contains duplicate fields: " + MlflowText.pyList(clauses));
  }

  record Parsed(String identifier, boolean ascending) {}

  /**
   * MLflow accepts a clause only if sqlparse reads it as one identifier (a key optionally followed
   * by one word), then splits it shell-style with backticks read as double quotes.
   */
  static Parsed split(String clause) {
    List<FilterToken> tokens = FilterLexer.tokenize(clause);
    if (!isSingleIdentifier(tokens)) {
      throw unparseable(clause);
    }
    List<String> words = ShellWords.split(clause.replace('`', '"'));
    if (words == null || words.size() > 2) {
      throw unparseable(clause);
    }
    if (words.size() < 2) {
      return new Parsed(words.isEmpty() ? clause : words.get(0), true);
    }
    String direction = words.get(1).toLowerCase(Locale.ROOT);
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw MledgerException.invalidParameter(
          "Invalid ordering key in order_by clause '" + clause + "'.");
    }
    return new Parsed(words.get(0), direction.equals("asc"));
  }

  /**
   * A dotted key chain, optionally followed by whitespace and one name, quoted name or ASC/DESC.
   */
  private static boolean isSingleIdentifier(List<FilterToken> tokens) {
    int i = chainEnd(tokens, 0);
    if (i == 0) {
      return false;
    }
    if (i == tokens.size()) {
      return true;
    }
    if (!tokens.get(i).is(Kind.WHITESPACE) || i + 1 >= tokens.size()) {
      return false;
    }
    FilterToken word = tokens.get(i + 1);
    if (word.isKeyword("ASC") || word.isKeyword("DESC")) {
      return i + 2 == tokens.size();
    }
    return chainEnd(tokens, i + 1) == tokens.size() && chainEnd(tokens, i + 1) > i + 1;
  }

  /** End index of the identifier chain (names, quoted names, dots) starting at {@code start}. */
  private static int chainEnd(List<FilterToken> tokens, int start) {
    if (start >= tokens.size() || !tokens.get(start).isIdentifierPart()) {
      return start;
    }
    int i = start + 1;
    while (i < tokens.size() && tokens.get(i).is(Kind.DOT)) {
      i++;
      if (i < tokens.size() && tokens.get(i).isIdentifierPart()) {
        i++;
      }
    }
    return i;
  }

  static MledgerException unparseable(String clause) {
    return MledgerException.invalidParameter(
        "Invalid order_by clause '" + clause + "'. Could not be parsed.");
  }
}
