package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code filter} of search-runs with MLflow 2.17's grammar and rules: comparisons of
 * {@code metrics.*}, {@code params.*}, {@code tags.*}, run attributes and {@code datasets.*},
 * joined by AND; mledger adds OR and parentheses (AND binds tighter). Every error is a {@link
 * MledgerException} with {@code INVALID_PARAMETER_VALUE}, carrying MLflow's message.
 *
 * <p>Deliberate differences from MLflow, all outside what a working MLflow client relies on: a
 * blank filter means no filter (MLflow rejects whitespace-only filters as unparseable); the aliases
 * {@code created} and {@code run name} apply to attributes only (MLflow's store also rewrites
 * metric, param and tag keys spelled that way, so it can never find them); dataset IN lists keep
 * values with upper-case letters (MLflow drops them, as it does for run ids, where that is harmless
 * and kept).
 */
public final class RunFilterParser {

  static final Map<String, EntityType> ENTITY_TYPES =
      Map.ofEntries(
          Map.entry("metric", EntityType.METRIC),
          Map.entry("metrics", EntityType.METRIC),
          Map.entry("parameter", EntityType.PARAM),
          Map.entry("parameters", EntityType.PARAM),
          Map.entry("param", EntityType.PARAM),
          Map.entry("params", EntityType.PARAM),
          Map.entry("tag", EntityType.TAG),
          Map.entry("tags", EntityType.TAG),
          Map.entry("attribute", EntityType.ATTRIBUTE),
          Map.entry("attributes", EntityType.ATTRIBUTE),
          Map.entry("attr", EntityType.ATTRIBUTE),
          Map.entry("run", EntityType.ATTRIBUTE),
          Map.entry("dataset", EntityType.DATASET),
          Map.entry("datasets", EntityType.DATASET));

  static final String VALID_ENTITY_TYPES = "['metric', 'parameter', 'tag', 'attribute', 'dataset']";

  /** Numeric attribute spellings, aliases included, as MLflow checks values before aliasing. */
  static final Set<String> NUMERIC_ATTRIBUTE_SPELLINGS =
      Set.of("start_time", "end_time", "created", "Created");

  static final List<String> SEARCHABLE_ATTRIBUTE_SPELLINGS = withAliases(true);
  static final List<String> ORDERABLE_ATTRIBUTE_SPELLINGS = withAliases(false);

  static final List<String> METRIC_COMPARATORS = List.of(">", ">=", "!=", "=", "<", "<=");
  static final List<String> STRING_COMPARATORS = List.of("!=", "=", "LIKE", "ILIKE");
  static final List<String> STRING_LIST_COMPARATORS =
      List.of("!=", "=", "LIKE", "ILIKE", "IN", "NOT IN");

  private RunFilterParser() {}

  /**
   * Parses a search-runs filter.
   *
   * @return the filter's AST; a single comparison is returned as itself, several as {@link
   *     FilterExpr.And} / {@link FilterExpr.Or}; null when {@code filter} is null or holds no
   *     comparison (blank)
   * @throws MledgerException INVALID_PARAMETER_VALUE for any invalid filter
   */
  public static FilterExpr parse(String filter) {
    return FilterGrammar.parse(filter, RunFilterParser::comparison);
  }

  private static List<String> withAliases(boolean runNameAliases) {
    List<String> keys = new ArrayList<>(SearchKeys.RUN_ATTRIBUTES);
    keys.add("created");
    keys.add("Created");
    if (runNameAliases) {
      keys.addAll(List.of("run name", "Run name", "Run Name"));
    }
    return List.copyOf(keys);
  }

  /** MLflow's {@code translate_key_alias}. */
  static String canonicalAttribute(String key) {
    return switch (key) {
      case "created", "Created" -> "start_time";
      case "run name", "Run name", "Run Name" -> "run_name";
      default -> key;
    };
  }

  /** Resolves {@code metrics.x}, {@code `params`."a b"}, {@code status}, ... like MLflow. */
  static ResolvedKey resolveIdentifier(String identifier, List<String> validAttributes) {
    int dot = identifier.indexOf('.');
    String entity = dot < 0 ? "attribute" : identifier.substring(0, dot);
    String rawKey = dot < 0 ? identifier : identifier.substring(dot + 1);
    entity = MlflowText.trimBackticks(entity);
    EntityType type = ENTITY_TYPES.get(entity);
    if (type == null) {
      throw MledgerException.invalidParameter(
          "Invalid entity type '" + entity + "'. Valid values are " + VALID_ENTITY_TYPES);
    }
    String key = MlflowText.trimBackticks(MlflowText.stripQuotes(rawKey));
    if (type == EntityType.ATTRIBUTE && !validAttributes.contains(key)) {
      throw MledgerException.invalidParameter(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are '"
              + MlflowText.pySet(validAttributes)
              + "'");
    }
    if (type == EntityType.DATASET && !SearchKeys.DATASET_KEYS.contains(key)) {
      throw MledgerException.invalidParameter(
          "Invalid dataset key '"
              + key
              + "' specified. Valid keys are '"
              + MlflowText.pySet(SearchKeys.DATASET_KEYS)
              + "'");
    }
    return new ResolvedKey(type, key);
  }

  /** An entity type and the key as written (aliases not yet mapped). */
  record ResolvedKey(EntityType type, String key) {}

  private static FilterExpr.Comparison comparison(
      FilterToken identifier, FilterToken operator, RawOperand rhs) {
    ResolvedKey resolved = resolveIdentifier(identifier.text(), SEARCHABLE_ATTRIBUTE_SPELLINGS);
    EntityType type = resolved.type();
    String key = resolved.key();
    FilterValue value = value(type, key, rhs);
    String op = MlflowText.normalizeOperator(operator.text());
    List<String> allowed =
        switch (type) {
          case METRIC -> METRIC_COMPARATORS;
          case PARAM, TAG -> STRING_COMPARATORS;
          case ATTRIBUTE ->
              NUMERIC_ATTRIBUTE_SPELLINGS.contains(key)
                  ? METRIC_COMPARATORS
                  : STRING_LIST_COMPARATORS;
          case DATASET -> STRING_LIST_COMPARATORS;
        };
    if (!allowed.contains(op)) {
      throw MledgerException.invalidParameter(
          "Invalid comparator '" + op + "' not one of '" + MlflowText.pySet(allowed) + "'");
    }
    Comparator comparator = comparatorOf(op);
    requireListIffMembership(comparator, value, rhs);
    String canonicalKey = type == EntityType.ATTRIBUTE ? canonicalAttribute(key) : key;
    return new FilterExpr.Comparison(type, canonicalKey, comparator, value);
  }

  static Comparator comparatorOf(String op) {
    for (Comparator c : Comparator.values()) {
      if (c.symbol().equals(op)) {
        return c;
      }
    }
    throw MledgerException.invalidParameter("Invalid comparator '" + op + "'");
  }

  /** A list only makes sense with IN / NOT IN, and those need a list. */
  static void requireListIffMembership(Comparator c, FilterValue value, RawOperand rhs) {
    boolean membership = c == Comparator.IN || c == Comparator.NOT_IN;
    boolean list = value instanceof FilterValue.TextList;
    if (membership && !list) {
      throw MledgerException.invalidParameter(
          "Invalid clause(s) in filter string: "
              + c.symbol()
              + " requires a parenthesised list of quoted strings, got "
              + rhs.text());
    }
    if (!membership && list) {
      throw MledgerException.invalidParameter(
          "Invalid comparator '"
              + c.symbol()
              + "' for a list of values "
              + rhs.text()
              + "; use IN or NOT IN");
    }
  }

  private static FilterValue value(EntityType type, String key, RawOperand rhs) {
    return switch (type) {
      case METRIC -> {
        if (rhs instanceof RawOperand.NumberLiteral n) {
          yield new FilterValue.Number(Numbers.parse(n.text()));
        }
        throw MledgerException.invalidParameter(
            "Expected numeric value type for metric. Found " + rhs.text());
      }
      case PARAM, TAG -> {
        if (rhs instanceof RawOperand.StringLiteral || rhs instanceof RawOperand.Identifier) {
          yield new FilterValue.Text(quotedString(rhs));
        }
        throw MledgerException.invalidParameter(
            "Expected a quoted string value for "
                + (type == EntityType.PARAM ? "parameter" : "tag")
                + " (e.g. 'my-value'). Got value "
                + rhs.text());
      }
      case ATTRIBUTE -> {
        if (NUMERIC_ATTRIBUTE_SPELLINGS.contains(key)) {
          if (rhs instanceof RawOperand.NumberLiteral n) {
            yield new FilterValue.Number(Numbers.parse(n.text()));
          }
          throw MledgerException.invalidParameter(
              "Expected numeric value type for numeric attribute: "
                  + key
                  + ". Found "
                  + rhs.text());
        }
        if (rhs instanceof RawOperand.StringLiteral || rhs instanceof RawOperand.Identifier) {
          yield new FilterValue.Text(quotedString(rhs));
        }
        if (rhs instanceof RawOperand.ListLiteral list) {
          if (!key.equals("run_id")) {
            throw MledgerException.invalidParameter(
                "Only the 'run_id' attribute supports comparison with a list of quoted "
                    + "string values.");
          }
          // As MLflow: run ids are lower-case, so values with upper-case letters cannot match.
          List<String> ids = new ArrayList<>();
          for (String id : StringLists.parse(list)) {
            if (MlflowText.isPyLower(id)) {
              ids.add(id);
            }
          }
          yield new FilterValue.TextList(ids);
        }
        throw MledgerException.invalidParameter(
            "Expected a quoted string value for attributes. Got value " + rhs.text());
      }
      case DATASET -> {
        if (rhs instanceof RawOperand.StringLiteral || rhs instanceof RawOperand.Identifier) {
          yield new FilterValue.Text(quotedString(rhs));
        }
        if (rhs instanceof RawOperand.ListLiteral list) {
          yield new FilterValue.TextList(StringLists.parse(list));
        }
        throw MledgerException.invalidParameter(
            "Expected a quoted string value for dataset attributes. Got value " + rhs.text());
      }
    };
  }

  /** MLflow's {@code _strip_quotes(value, expect_quoted_value=True)}. */
  static String quotedString(RawOperand rhs) {
    String text = rhs.text();
    if (MlflowText.isStringQuoted(text)) {
      return MlflowText.trimEnds(text);
    }
    throw MledgerException.invalidParameter(
        "Parameter value is either not quoted or unidentified quote types used for string value "
            + text
            + ". Use either single or double quotes.");
  }
}
