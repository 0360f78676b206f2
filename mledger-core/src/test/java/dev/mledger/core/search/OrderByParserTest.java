package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from MLflow's test_search_utils.py (order_by) plus sqlparse corner cases. */
class OrderByParserTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metrics.rmse DESC|METRIC|rmse|false",
        "metrics.key1 asc|METRIC|key1|true",
        "metrics.\"key1\"  desc|METRIC|key1|false",
        "params.my_param aSc|PARAM|my_param|true",
        "params.`my_param` DESC|PARAM|my_param|false",
        "tags.tag1|TAG|tag1|true",
        "attributes.status|ATTRIBUTE|status|true",
        "attributes.start_time|ATTRIBUTE|start_time|true",
        "created DESC|ATTRIBUTE|start_time|false",
        "Created|ATTRIBUTE|start_time|true",
        "run.end_time|ATTRIBUTE|end_time|true",
        "run_name|ATTRIBUTE|run_name|true",
        "user_id DESC|ATTRIBUTE|user_id|false",
        "metrics.`Mean Square Error`|METRIC|Mean Square Error|true",
        "metrics.`Mean Square Error` DESC|METRIC|Mean Square Error|false",
        "metrics.a.b\tdesc|METRIC|a.b|false",
        // Backticks become shell quotes, so a wholly quoted clause still names metrics.A.
        "`metrics.A`|METRIC|A|true",
      })
  void parsesRunOrderBy(String clause, EntityType type, String key, boolean ascending) {
    assertThat(OrderByParser.forRuns(List.of(clause)))
        .containsExactly(new OrderBy(type, key, ascending));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "m.acc|Invalid entity type 'm'",
        "acc|Invalid attribute key 'acc'",
        "attri.x|Invalid entity type",
        "`metrics.A|Invalid order_by clause '`metrics.A'. Could not be parsed.",
        "attribute.start|Invalid attribute key",
        "attribute.experiment_id|Invalid attribute key",
        "metrics.A != 1|Invalid order_by clause",
        "'params.my_param '|Invalid order_by clause",
        "' params.x'|Invalid order_by clause",
        "attribute.run_id ACS|Invalid ordering key in order_by clause 'attribute.run_id ACS'.",
        "attribute.run_id decs|Invalid ordering key",
        "run name|Invalid ordering key",
        "\"run name\"|Invalid attribute key 'run name'",
        "tags.x DESC extra|Invalid order_by clause",
        "metrics.a DESC,metrics.b|Invalid order_by clause",
        "metrics.\"a|Invalid order_by clause",
        "datasets.name|Invalid identifier type 'dataset'",
        "''|Invalid order_by clause '' ",
      })
  void rejectsRunOrderByLikeMlflow(String clause, String message) {
    assertThatThrownBy(() -> OrderByParser.forRuns(List.of(clause)))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining(message.strip());
  }

  @Test
  void keepsClauseOrderAndRejectsDuplicates() {
    assertThat(OrderByParser.forRuns(List.of("metrics.a DESC", "params.a")))
        .containsExactly(
            new OrderBy(EntityType.METRIC, "a", false), new OrderBy(EntityType.PARAM, "a", true));
    assertThatThrownBy(() -> OrderByParser.forRuns(List.of("start_time", "created DESC")))
        .hasMessage("`order_by` contains duplicate fields: ['start_time', 'created DESC']");
  }

  @Test
  void emptyOrNullMeansDefaultOrder() {
    assertThat(OrderByParser.forRuns(null)).isEmpty();
    assertThat(OrderByParser.forExperiments(List.of())).isEmpty();
    assertThatThrownBy(() -> OrderByParser.forRuns(Arrays.asList("metrics.a", null)))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void parsesExperimentOrderBy() {
    assertThat(
            OrderByParser.forExperiments(
                List.of("name", "attribute.creation_time DESC", "experiment_id ASC")))
        .containsExactly(
            new OrderBy(EntityType.ATTRIBUTE, "name", true),
            new OrderBy(EntityType.ATTRIBUTE, "creation_time", false),
            new OrderBy(EntityType.ATTRIBUTE, "experiment_id", true));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "tags.team|Invalid order_by entity: tag",
        "attributes.name|Invalid entity type 'attributes'",
        "run_name|Invalid attribute key 'run_name'",
        "name DESCENDING|Invalid ordering key",
      })
  void rejectsExperimentOrderBy(String clause, String message) {
    assertThatThrownBy(() -> OrderByParser.forExperiments(List.of(clause)))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining(message);
  }
}
