package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterToken.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the {@code order_by} clauses of the model-registry searches with MLflow 2.17's rules. The
 * resulting {@link OrderBy}s are attribute keys: {@code name} and {@code last_updated_timestamp}
 * for registered models; {@code name}, {@code version_number}, {@code creation_timestamp} and
 * {@code last_updated_timestamp} for model versions.
 */
public final class RegistryOrderByParser {

  private RegistryOrderByParser() {}

  /**
   * Order-by clauses of search-registered-models: {@code name}, {@code timestamp} or {@code
   * last_updated_timestamp} (both the last update time), each optionally ASC or DESC.
   *
   * @param clauses the request's order_by list; null or empty means the store's default order
   */
  public static List<OrderBy> forRegisteredModels(List<String> clauses) {
    List<OrderBy> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String clause : OrderByParser.nonNull(clauses)) {
      OrderByParser.Parsed parsed = splitAllowingTimestamp(clause);
      String key = parsed.identifier().strip();
      if (!SearchKeys.REGISTERED_MODEL_ORDER_BY_KEYS.contains(key)) {
        throw MledgerException.invalidParameter(
            "Invalid order by key '"
                + key
                + "' specified. Valid keys are '"
                + MlflowText.pySet(List.of("name", "timestamp"))
                + "'");
      }
      String canonical = key.equals("name") ? "name" : "last_updated_timestamp";
      if (!seen.add(canonical)) {
        throw OrderByParser.duplicates(clauses);
      }
      result.add(new OrderBy(EntityType.ATTRIBUTE, canonical, parsed.ascending()));
    }
    return List.copyOf(result);
  }

  /**
   * Order-by clauses of search-model-versions: {@code name}, {@code version_number}, {@code
   * creation_timestamp}, {@code last_updated_timestamp} (bare or as {@code attribute.x}).
   *
   * @param clauses the request's order_by list; null or empty means the store's default order
   */
  public static List<OrderBy> forModelVersions(List<String> clauses) {
    List<OrderBy> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String clause : OrderByParser.nonNull(clauses)) {
      OrderByParser.Parsed parsed = splitAllowingTimestamp(clause);
      RunFilterParser.ResolvedKey resolved =
          ExperimentFilterParser.resolveIdentifier(
              parsed.identifier().strip(), SearchKeys.MODEL_VERSION_ORDER_BY_KEYS);
      if (resolved.type() != EntityType.ATTRIBUTE
          || !SearchKeys.MODEL_VERSION_ORDER_BY_KEYS.contains(resolved.key())) {
        throw MledgerException.invalidParameter(
            "Invalid order by key '"
                + resolved.key()
                + "' specified. Valid keys are "
                + MlflowText.pySet(SearchKeys.MODEL_VERSION_ORDER_BY_KEYS));
      }
      if (!seen.add(resolved.key())) {
        throw OrderByParser.duplicates(clauses);
      }
      result.add(new OrderBy(EntityType.ATTRIBUTE, resolved.key(), parsed.ascending()));
    }
    return List.copyOf(result);
  }

  /**
   * sqlparse reads {@code timestamp} as a built-in name rather than an identifier, so MLflow
   * accepts it (alone or followed by ASC/DESC) before its usual single-identifier check.
   */
  private static OrderByParser.Parsed splitAllowingTimestamp(String clause) {
    List<FilterToken> tokens = new ArrayList<>();
    for (FilterToken t : FilterLexer.tokenize(clause)) {
      tokens.add(t);
    }
    if (!tokens.isEmpty() && tokens.get(0).isKeyword("TIMESTAMP")) {
      if (tokens.size() == 1) {
        return new OrderByParser.Parsed("timestamp", true);
      }
      FilterToken last = tokens.get(tokens.size() - 1);
      boolean whitespaceBetween = true;
      for (int i = 1; i < tokens.size() - 1; i++) {
        whitespaceBetween &= tokens.get(i).is(Kind.WHITESPACE);
      }
      if (whitespaceBetween
          && tokens.size() > 2
          && (last.isKeyword("ASC") || last.isKeyword("DESC"))) {
        return new OrderByParser.Parsed(
            "timestamp", last.text().toLowerCase(Locale.ROOT).equals("asc"));
      }
      throw OrderByParser.unparseable(clause);
    }
    return OrderByParser.split(clause);
  }
}
