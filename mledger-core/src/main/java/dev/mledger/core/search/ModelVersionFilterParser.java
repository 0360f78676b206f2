package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import java.util.List;

/**
 * Parses the {@code filter} of search-model-versions with MLflow 2.17's rules: {@code name}, {@code
 * source_path} and {@code run_id} with =, !=, LIKE, ILIKE ({@code run_id} also with IN), {@code
 * version_number} with numeric comparators, and {@code tags.<key>} with =, !=, LIKE, ILIKE; joined
 * by AND, and by mledger also OR and parentheses. Keys are canonical in the AST ({@code
 * source_path}, not {@code source}); {@code version_number} values are {@link FilterValue.Number}s.
 */
public final class ModelVersionFilterParser {

  private static final List<String> NUMERIC_COMPARATORS = List.of(">", ">=", "!=", "=", "<", "<=");
  private static final List<String> STRING_COMPARATORS = List.of("!=", "=", "LIKE", "ILIKE", "IN");
  private static final String NUMERIC_VALUE_KEYS =
      "{'version_number', 'creation_timestamp', 'last_updated_timestamp'}";

  private ModelVersionFilterParser() {}

  /**
   * Parses a search-model-versions filter.
   *
   * @return the AST, or null for a null or blank filter
   * @throws MledgerException INVALID_PARAMETER_VALUE for any invalid filter
   */
  public static FilterExpr parse(String filter) {
    return FilterGrammar.parse(filter, ModelVersionFilterParser::comparison);
  }

  private static FilterExpr.Comparison comparison(
      FilterToken identifier, FilterToken operator, RawOperand rhs) {
    RunFilterParser.ResolvedKey resolved =
        RegistryFilterRules.resolveIdentifier(
            identifier.text(), SearchKeys.MODEL_VERSION_ATTRIBUTES);
    String key = resolved.key();
    if (resolved.type() == EntityType.TAG) {
      FilterValue value = RegistryFilterRules.tagValue(rhs);
      Comparator op =
          RegistryFilterRules.comparator(
              operator, RegistryFilterRules.TAG_COMPARATORS, "Invalid comparator for tag: ");
      return new FilterExpr.Comparison(EntityType.TAG, key, op, value);
    }
    FilterValue value = attributeValue(key, rhs);
    Comparator op;
    if (key.equals("version_number")) {
      op =
          RegistryFilterRules.comparator(
              operator, NUMERIC_COMPARATORS, "Invalid comparator for attribute " + key + ": ");
      value = asVersionNumber(value);
    } else {
      op =
          RegistryFilterRules.comparator(
              operator, STRING_COMPARATORS, "Invalid comparator for attribute: ");
      if (op == Comparator.IN && !key.equals("run_id")) {
        throw MledgerException.invalidParameter("Invalid comparator for attribute: IN");
      }
      if (value instanceof FilterValue.Number) {
        // MLflow compares the number with the text column, which never matches on SQLite and
        // fails on PostgreSQL; a clear error is kinder.
        throw MledgerException.invalidParameter(
            "Expected a quoted string value for attribute '" + key + "'. Got value " + rhs.text());
      }
    }
    RunFilterParser.requireListIffMembership(op, value, rhs);
    return new FilterExpr.Comparison(EntityType.ATTRIBUTE, key, op, value);
  }

  /** MLflow's {@code SearchModelVersionUtils._get_value} for attributes. */
  private static FilterValue attributeValue(String key, RawOperand rhs) {
    if (rhs instanceof RawOperand.StringLiteral || rhs instanceof RawOperand.Identifier) {
      return new FilterValue.Text(RunFilterParser.quotedString(rhs));
    }
    if (rhs instanceof RawOperand.ListLiteral list) {
      if (!key.equals("run_id")) {
        throw RegistryFilterRules.onlyRunIdTakesLists();
      }
      return RegistryFilterRules.runIdList(list);
    }
    if (rhs instanceof RawOperand.NumberLiteral n) {
      if (!key.equals("version_number")) {
        throw MledgerException.invalidParameter(
            "Only the '"
                + NUMERIC_VALUE_KEYS
                + "' attributes support comparison with numeric values.");
      }
      return new FilterValue.Number(Numbers.parse(n.text()));
    }
    throw RegistryFilterRules.expectedStringOrList(rhs);
  }

  /**
   * MLflow lets the database coerce {@code version_number = '3'}; here a quoted integer is read as
   * the number it spells, and anything else is refused.
   */
  private static FilterValue asVersionNumber(FilterValue value) {
    if (value instanceof FilterValue.Text text) {
      String trimmed = text.value().strip();
      if (trimmed.matches("[+-]?[0-9]{1,18}")) {
        return new FilterValue.Number(Long.parseLong(trimmed));
      }
      throw MledgerException.invalidParameter(
          "Expected an integer value for attribute version_number. Got value '"
              + text.value()
              + "'");
    }
    return value;
  }
}
