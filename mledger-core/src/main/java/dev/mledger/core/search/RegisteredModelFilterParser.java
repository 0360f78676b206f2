package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import java.util.List;

/**
 * Parses the {@code filter} of search-registered-models with MLflow 2.17's rules: {@code name} (or
 * {@code attribute.name}) with =, !=, LIKE, ILIKE, and {@code tags.<key>} with the same
 * comparators, joined by AND; mledger adds OR and parentheses. Comparators may be written in any
 * case. Errors are {@link MledgerException}s with {@code INVALID_PARAMETER_VALUE} and MLflow's
 * messages.
 */
public final class RegisteredModelFilterParser {

  private RegisteredModelFilterParser() {}

  /**
   * Parses a search-registered-models filter.
   *
   * @return the AST (attribute key {@code name}, or tag keys), or null for a null or blank filter
   * @throws MledgerException INVALID_PARAMETER_VALUE for any invalid filter
   */
  public static FilterExpr parse(String filter) {
    return FilterGrammar.parse(filter, RegisteredModelFilterParser::comparison);
  }

  private static FilterExpr.Comparison comparison(
      FilterToken identifier, FilterToken operator, RawOperand rhs) {
    RunFilterParser.ResolvedKey resolved =
        RegistryFilterRules.resolveIdentifier(
            identifier.text(), SearchKeys.REGISTERED_MODEL_ATTRIBUTES);
    if (resolved.type() == EntityType.TAG) {
      FilterValue value = RegistryFilterRules.tagValue(rhs);
      Comparator op =
          RegistryFilterRules.comparator(
              operator, RegistryFilterRules.TAG_COMPARATORS, "Invalid comparator for tag: ");
      return new FilterExpr.Comparison(EntityType.TAG, resolved.key(), op, value);
    }
    FilterValue value;
    if (rhs instanceof RawOperand.StringLiteral || rhs instanceof RawOperand.Identifier) {
      value = new FilterValue.Text(RunFilterParser.quotedString(rhs));
    } else if (rhs instanceof RawOperand.ListLiteral) {
      throw RegistryFilterRules.onlyRunIdTakesLists();
    } else {
      throw RegistryFilterRules.expectedStringOrList(rhs);
    }
    Comparator op =
        RegistryFilterRules.comparator(
            operator, STRING_COMPARATORS, "Invalid comparator for attribute: ");
    return new FilterExpr.Comparison(EntityType.ATTRIBUTE, resolved.key(), op, value);
  }

  private static final List<String> STRING_COMPARATORS = List.of("=", "!=", "LIKE", "ILIKE");
}
