package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry search grammar: MLflow 2.17's SearchModelUtils / SearchModelVersionUtils rules. */
class RegistryFilterParserTest {

  @Test
  void registeredModelFiltersAcceptNameAndTags() {
    assertThat(RegisteredModelFilterParser.parse("name = 'churn'"))
        .isEqualTo(
            new FilterExpr.Comparison(
                EntityType.ATTRIBUTE, "name", Comparator.EQ, new FilterValue.Text("churn")));
    assertThat(RegisteredModelFilterParser.parse("attribute.name ilike '%Ch%'"))
        .isEqualTo(
            new FilterExpr.Comparison(
                EntityType.ATTRIBUTE, "name", Comparator.ILIKE, new FilterValue.Text("%Ch%")));
    assertThat(RegisteredModelFilterParser.parse("tags.`my key` != \"v\" AND name LIKE 'a%'"))
        .isEqualTo(
            new FilterExpr.And(
                List.of(
                    new FilterExpr.Comparison(
                        EntityType.TAG, "my key", Comparator.NEQ, new FilterValue.Text("v")),
                    new FilterExpr.Comparison(
                        EntityType.ATTRIBUTE,
                        "name",
                        Comparator.LIKE,
                        new FilterValue.Text("a%")))));
    assertThat(RegisteredModelFilterParser.parse(null)).isNull();
    assertThat(RegisteredModelFilterParser.parse("")).isNull();
  }

  @Test
  void registeredModelFiltersRejectWhatMlflowRejects() {
    assertInvalid(
        () -> RegisteredModelFilterParser.parse("run_id = 'x'"),
        "Invalid attribute key 'run_id' specified. Valid keys are '{'name'}'");
    assertInvalid(
        () -> RegisteredModelFilterParser.parse("params.x = 'y'"),
        "Invalid entity type 'params'. Valid entity types are ('attribute', 'tag', 'tags')");
    assertInvalid(
        () -> RegisteredModelFilterParser.parse("name > 'a'"),
        "Invalid comparator for attribute: >");
    assertInvalid(
        () -> RegisteredModelFilterParser.parse("tags.k IN ('a', 'b')"),
        "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a', 'b')");
    assertInvalid(
        () -> RegisteredModelFilterParser.parse("name IN ('a', 'b')"),
        "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    assertInvalid(
        () -> RegisteredModelFilterParser.parse("tags.k < 'a'"), "Invalid comparator for tag: <");
  }

  @Test
  void modelVersionFiltersAcceptEveryMlflowKey() {
    assertThat(ModelVersionFilterParser.parse("run_id in ('abc', 'DEF', 'ghi')"))
        .isEqualTo(
            new FilterExpr.Comparison(
                EntityType.ATTRIBUTE,
                "run_id",
                Comparator.IN,
                new FilterValue.TextList(List.of("abc", "ghi"))));
    assertThat(ModelVersionFilterParser.parse("version_number >= 3"))
        .isEqualTo(
            new FilterExpr.Comparison(
                EntityType.ATTRIBUTE, "version_number", Comparator.GTE, new FilterValue.Number(3)));
    assertThat(ModelVersionFilterParser.parse("version_number = '7'"))
        .isEqualTo(
            new FilterExpr.Comparison(
                EntityType.ATTRIBUTE, "version_number", Comparator.EQ, new FilterValue.Number(7)));
    assertThat(ModelVersionFilterParser.parse("source_path LIKE 's3://%' OR tags.k = 'v'"))
        .isInstanceOf(FilterExpr.Or.class);
  }

  @Test
  void modelVersionFiltersRejectWhatMlflowRejects() {
    assertInvalid(
        () -> ModelVersionFilterParser.parse("version_number LIKE '1%'"),
        "Invalid comparator for attribute version_number: LIKE");
    assertInvalid(
        () -> ModelVersionFilterParser.parse("name IN ('a', 'b')"),
        "Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    assertInvalid(
        () -> ModelVersionFilterParser.parse("run_id NOT IN ('a', 'b')"),
        "Invalid comparator for attribute: NOT IN");
    assertInvalid(
        () -> ModelVersionFilterParser.parse("name = 3"),
        "Only the '{'version_number', 'creation_timestamp', 'last_updated_timestamp'}' attributes"
            + " support comparison with numeric values.");
    assertInvalid(
        () -> ModelVersionFilterParser.parse("creation_timestamp > 3"),
        "Invalid attribute key 'creation_timestamp' specified.");
    assertInvalid(
        () -> ModelVersionFilterParser.parse("version_number = 'x'"),
        "Expected an integer value for attribute version_number. Got value 'x'");
    assertInvalid(
        () -> ModelVersionFilterParser.parse("name = 'a' ; name = 'b'"),
        "Search filter contained multiple expression");
  }

  @Test
  void registryOrderByFollowsMlflow() {
    assertThat(RegistryOrderByParser.forRegisteredModels(List.of("timestamp DESC", "name")))
        .containsExactly(
            new OrderBy(EntityType.ATTRIBUTE, "last_updated_timestamp", false),
            new OrderBy(EntityType.ATTRIBUTE, "name", true));
    assertThat(RegistryOrderByParser.forRegisteredModels(List.of("TIMESTAMP")))
        .containsExactly(new OrderBy(EntityType.ATTRIBUTE, "last_updated_timestamp", true));
    assertInvalid(
        () -> RegistryOrderByParser.forRegisteredModels(List.of("creation_timestamp")),
        "Invalid order by key 'creation_timestamp' specified. Valid keys are '{'name',"
            + " 'timestamp'}'");
    assertInvalid(
        () ->
            RegistryOrderByParser.forRegisteredModels(
                List.of("timestamp", "last_updated_timestamp")),
        "`order_by` contains duplicate fields");
    assertThat(
            RegistryOrderByParser.forModelVersions(
                List.of("attribute.version_number ASC", "creation_timestamp desc")))
        .containsExactly(
            new OrderBy(EntityType.ATTRIBUTE, "version_number", true),
            new OrderBy(EntityType.ATTRIBUTE, "creation_timestamp", false));
    assertInvalid(
        () -> RegistryOrderByParser.forModelVersions(List.of("run_id")),
        "Invalid attribute key 'run_id' specified.");
    assertInvalid(
        () -> RegistryOrderByParser.forModelVersions(List.of("name sideways")),
        "Invalid ordering key in order_by clause 'name sideways'.");
  }

  private static void assertInvalid(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String messageStart) {
    assertThatThrownBy(call)
        .isInstanceOf(MledgerException.class)
        .hasMessageStartingWith(messageStart);
  }
}
