package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterExpr.And;
import dev.mledger.core.search.FilterExpr.Comparison;
import dev.mledger.core.search.FilterExpr.Or;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentFilterParserTest {

  private static Comparison name(Comparator op, String v) {
    return new Comparison(EntityType.ATTRIBUTE, "name", op, new FilterValue.Text(v));
  }

  @Test
  void parsesAttributesAndTags() {
    assertThat(ExperimentFilterParser.parse("name LIKE 'fraud-%'"))
        .isEqualTo(name(Comparator.LIKE, "fraud-%"));
    assertThat(ExperimentFilterParser.parse("attribute.name = \"x\""))
        .isEqualTo(name(Comparator.EQ, "x"));
    assertThat(ExperimentFilterParser.parse("creation_time >= 1700000000000"))
        .isEqualTo(
            new Comparison(
                EntityType.ATTRIBUTE,
                "creation_time",
                Comparator.GTE,
                new FilterValue.Number(1.7e12)));
    assertThat(ExperimentFilterParser.parse("tags.`team name` != 'ml' AND last_update_time < 5"))
        .isEqualTo(
            new And(
                List.of(
                    new Comparison(
                        EntityType.TAG, "team name", Comparator.NEQ, new FilterValue.Text("ml")),
                    new Comparison(
                        EntityType.ATTRIBUTE,
                        "last_update_time",
                        Comparator.LT,
                        new FilterValue.Number(5)))));
  }

  @Test
  void supportsOrAndParentheses() {
    assertThat(ExperimentFilterParser.parse("(name = 'a' OR name = 'b') AND tag.x ILIKE '%y'"))
        .isEqualTo(
            new And(
                List.of(
                    new Or(List.of(name(Comparator.EQ, "a"), name(Comparator.EQ, "b"))),
                    new Comparison(
                        EntityType.TAG, "x", Comparator.ILIKE, new FilterValue.Text("%y")))));
  }

  @Test
  void blankIsNoFilter() {
    assertThat(ExperimentFilterParser.parse(null)).isNull();
    assertThat(ExperimentFilterParser.parse(" ")).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "attributes.name = 'x'|Invalid entity type 'attributes'. Valid entity types are"
            + " ('attribute', 'tag', 'tags')",
        "metrics.a > 1|Invalid entity type 'metrics'",
        "`tags`.a = 'b'|Invalid entity type '`tags`'",
        "experiment_id = '1'|Invalid attribute key 'experiment_id' specified. Valid keys are"
            + " '{'name', 'creation_time', 'last_update_time'}'",
        "name like 'x'|Invalid comparator 'like' not one of",
        "name IN ('a')|Only the 'run_id' attribute supports comparison",
        "name > 'a'|Invalid comparator '>' not one of",
        "tags.a > 'b'|Invalid comparator for tag: >",
        "tags.a like 'b'|Invalid comparator for tag: like",
        "creation_time LIKE 5|Invalid comparator 'LIKE' not one of",
        "creation_time = '5'|Expected numeric value type for numeric attribute: creation_time."
            + " Found '5'",
        "name = 5|Expected a quoted string value for attributes. Got value 5",
        "tags.a = 5|Expected a quoted string value for tag (e.g. 'my-value'). Got value 5",
        "name = x|Parameter value is either not quoted",
        "name = 'a' OR|Invalid clause(s) in filter string: 'OR'",
      })
  void rejectsLikeMlflow(String filter, String message) {
    assertThatThrownBy(() -> ExperimentFilterParser.parse(filter))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining(message);
  }
}
