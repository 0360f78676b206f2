package dev.mledger.core.search;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison rules MLflow 2.17 applies to model-registry searches ({@code SearchModelUtils} and
 * {@code SearchModelVersionUtils} plus the comparator checks of its SQL store). Unlike run filters,
 * the entity is {@code attribute}, {@code tag} or {@code tags} only, with no backtick form, and
 * attribute keys are checked as written, before quotes are removed.
 */
final class RegistryFilterRules {

  static final String VALID_ENTITY_TYPES = "('attribute', 'tag', 'tags')";
  static final List<String> TAG_COMPARATORS = List.of("=", "!=", "LIKE", "ILIKE");

  private RegistryFilterRules() {}

  /** MLflow's {@code _get_model_search_identifier}. */
  static RunFilterParser.ResolvedKey resolveIdentifier(String identifier, List<String> valid) {
    int dot = identifier.indexOf('.');
    EntityType type = EntityType.ATTRIBUTE;
    String key = identifier;
    if (dot >= 0) {
      String entity = identifier.substring(0, dot);
      key = identifier.substring(dot + 1);
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
    if (type == EntityType.ATTRIBUTE && !valid.contains(key)) {
      throw MledgerException.invalidParameter(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are '"
              + MlflowText.pySet(valid)
              + "'");
    }
    return new RunFilterParser.ResolvedKey(
        type, MlflowText.trimBackticks(MlflowText.stripQuotes(key)));
  }

  /** A tag's value: a quoted string. */
  static FilterValue tagValue(RawOperand rhs) {
    if (rhs instanceof RawOperand.StringLiteral || rhs instanceof RawOperand.Identifier) {
      return new FilterValue.Text(RunFilterParser.quotedString(rhs));
    }
    throw MledgerException.invalidParameter(
        "Expected a quoted string value for tag (e.g. 'my-value'). Got value " + rhs.text());
  }

  /**
   * A run-id list for {@code run_id IN (...)}: as in MLflow, ids with upper-case letters are
   * dropped because stored run ids are lower-case and could never match.
   */
  static FilterValue runIdList(RawOperand.ListLiteral list) {
    List<String> ids = new ArrayList<>();
    for (String id : StringLists.parse(list)) {
      if (MlflowText.isPyLower(id)) {
        ids.add(id);
      }
    }
    return new FilterValue.TextList(ids);
  }

  static MledgerException onlyRunIdTakesLists() {
    return MledgerException.invalidParameter(
        "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
  }

  static MledgerException expectedStringOrList(RawOperand rhs) {
    return MledgerException.invalidParameter(
        "Expected a quoted string value or a list of quoted string values for attributes. Got"
            + " value "
            + rhs.text());
  }

  /** The comparator as MLflow's registry parser keeps it: upper-cased. */
  static Comparator comparator(FilterToken operator, List<String> allowed, String rejectionPrefix) {
    String op = MlflowText.normalizeOperator(operator.text());
    if (!allowed.contains(op)) {
      throw MledgerException.invalidParameter(rejectionPrefix + op);
    }
    return RunFilterParser.comparatorOf(op);
  }
}
