package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import java.util.List;

/**
 * Parses the {@code filter} of search-experiments with MLflow 2.17's rules: {@code name}, {@code
 * creation_time}, {@code last_update_time} (bare or as {@code attribute.x}) and {@code tags.x};
 * mledger adds OR and parentheses. Unlike run filters, MLflow matches comparators here
 * case-sensitively ({@code LIKE}, not {@code like}), and so does this parser.
 */
public final class ExperimentFilterParser {

  static final String VALID_ENTITY_TYPES = "('attribute', 'tag', 'tags')";
  private static final List<String> STRING_ATTRIBUTE_COMPARATORS =
      List.of("=", "!=", "LIKE", "ILIKE");
  private static final List<String> NUMERIC_ATTRIBUTE_COMPARATORS =
      List.of("=", "!=", "<", "<=", ">", ">=");

  private ExperimentFilterParser() {}

  /**
   * Parses a search-experiments filter.
   *
   * @return the AST, or null when {@code filter} is null or holds no comparison
   * @throws MledgerException INVALID_PARAMETER_VALUE for any invalid filter
   */
  public static FilterExpr parse(String filter) {
    return FilterGrammar.parse(filter, ExperimentFilterParser::comparison);
  }

  /** Resolves {@code name}, {@code attribute.name}, {@code tags.x} like MLflow. */
  static RunFilterParser.ResolvedKey resolveIdentifier(String identifier, List<String> valid) {
    int dot = identifier.indexOf('.');
    EntityType type = EntityType.ATTRIBUTE;
    String rawKey = identifier;
    if (dot >= 0) {
      String entity = identifier.substring(0, dot);
      rawKey = identifier.substring(dot + 1);
      type =
          switch (entity) {
            case "attribute" -> EntityType.ATTRIBUTE;
            case "tag", "tags" -> EntityType.TAG;
            default ->
                throw MledgerException.invalidParameter(
                    "Invalid entity type '"
                        + entity
                        + "'. Valid entity types are "
                        + VALID_ENTITY_TYPES);
          };
    }
    String key = MlflowText.trimBackticks(MlflowText.stripQuotes(rawKey));
    if (type == EntityType.ATTRIBUTE && !valid.contains(key)) {
      throw MledgerException.invalidParameter(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are '"
              + MlflowText.pySet(valid)
              + "'");
    }
    return new RunFilterParser.ResolvedKey(type, key);
  }

  private static FilterExpr.Comparison comparison(
      FilterToken identifier, FilterToken operator, RawOperand rhs) {
    RunFilterParser.ResolvedKey resolved =
        resolveIdentifier(identifier.text(), SearchKeys.EXPERIMENT_ATTRIBUTES);
    EntityType type = resolved.type();
    String key = resolved.key();
    boolean numeric =
        type == EntityType.ATTRIBUTE && SearchKeys.EXPERIMENT_NUMERIC_ATTRIBUTES.contains(key);
    FilterValue value = value(type, key, numeric, rhs);
    // MLflow compares the comparator exactly as written here (no upper-casing).
    String op = String.join(" ", operator.text().trim().split("\\s+"));
    if (type == EntityType.TAG) {
      if (!STRING_ATTRIBUTE_COMPARATORS.contains(op)) {
        throw MledgerException.invalidParameter("Invalid comparator for tag: " + op);
      }
    } else if (numeric) {
      if (!NUMERIC_ATTRIBUTE_COMPARATORS.contains(op)) {
        throw MledgerException.invalidParameter(
            "Invalid comparator '"
                + op
                + "' not one of '"
                + MlflowText.pySet(RunFilterParser.METRIC_COMPARATORS)
                + "'");
      }
    } else {
      if (!RunFilterParser.STRING_LIST_COMPARATORS.contains(op)) {
        throw MledgerException.invalidParameter(
            "Invalid comparator '"
                + op
                + "' not one of '"
                + MlflowText.pySet(RunFilterParser.STRING_LIST_COMPARATORS)
                + "'");
      }
      if (!STRING_ATTRIBUTE_COMPARATORS.contains(op)) {
        throw MledgerException.invalidParameter("Invalid comparator for string attribute: " + op);
      }
    }
    return new FilterExpr.Comparison(type, key, RunFilterParser.comparatorOf(op), value);
  }

  private static FilterValue value(EntityType type, String key, boolean numeric, RawOperand rhs) {
    boolean stringLike =
        rhs instanceof RawOperand.StringLiteral || rhs instanceof RawOperand.Identifier;
    if (type == EntityType.TAG) {
      if (stringLike) {
        return new FilterValue.Text(RunFilterParser.quotedString(rhs));
      }
      throw MledgerException.invalidParameter(
          "Expected a quoted string value for tag (e.g. 'my-value'). Got value " + rhs.text());
    }
    if (numeric) {
      if (rhs instanceof RawOperand.NumberLiteral n) {
        return new FilterValue.Number(Numbers.parse(n.text()));
      }
      throw MledgerException.invalidParameter(
          "Expected numeric value type for numeric attribute: " + key + ". Found " + rhs.text());
    }
    if (stringLike) {
      return new FilterValue.Text(RunFilterParser.quotedString(rhs));
    }
    if (rhs instanceof RawOperand.ListLiteral) {
      throw MledgerException.invalidParameter(
          "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    }
    throw MledgerException.invalidParameter(
        "Expected a quoted string value for attributes. Got value " + rhs.text());
  }
}
