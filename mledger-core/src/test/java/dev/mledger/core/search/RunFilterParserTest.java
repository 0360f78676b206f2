package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterExpr.And;
import dev.mledger.core.search.FilterExpr.Comparison;
import dev.mledger.core.search.FilterExpr.Or;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from MLflow's tests/utils/test_search_utils.py plus the sqlparse corner cases. */
class RunFilterParserTest {

  private static Comparison metric(String key, String op, double v) {
    return new Comparison(EntityType.METRIC, key, op(op), new FilterValue.Number(v));
  }

  private static Comparison param(String key, String op, String v) {
    return new Comparison(EntityType.PARAM, key, op(op), new FilterValue.Text(v));
  }

  private static Comparison tag(String key, String op, String v) {
    return new Comparison(EntityType.TAG, key, op(op), new FilterValue.Text(v));
  }

  private static Comparison attr(String key, String op, String v) {
    return new Comparison(EntityType.ATTRIBUTE, key, op(op), new FilterValue.Text(v));
  }

  private static Comparison attr(String key, String op, double v) {
    return new Comparison(EntityType.ATTRIBUTE, key, op(op), new FilterValue.Number(v));
  }

  private static Comparison list(EntityType type, String key, String op, String... values) {
    return new Comparison(type, key, op(op), new FilterValue.TextList(List.of(values)));
  }

  private static Comparator op(String symbol) {
    return RunFilterParser.comparatorOf(symbol);
  }

  static Stream<Arguments> validFilters() {
    return Stream.of(
        Arguments.of("metric.acc >= 0.94", metric("acc", ">=", 0.94)),
        Arguments.of("metric.acc>=100", metric("acc", ">=", 100)),
        Arguments.of("params.m!='tf'", param("m", "!=", "tf")),
        Arguments.of("params.\"m\"!=\"tf\"", param("m", "!=", "tf")),
        Arguments.of("metric.\"legit name\" >= 0.243", metric("legit name", ">=", 0.243)),
        Arguments.of("metrics.XYZ = 3", metric("XYZ", "=", 3)),
        Arguments.of("params.\"cat dog\" = \"pets\"", param("cat dog", "=", "pets")),
        Arguments.of("metrics.\"X-Y-Z\" = 3", metric("X-Y-Z", "=", 3)),
        Arguments.of("metrics.\"X//Y#$$@&Z\" = 3", metric("X//Y#$$@&Z", "=", 3)),
        Arguments.of("params.model = 'LinearRegression'", param("model", "=", "LinearRegression")),
        Arguments.of("`metric`.a >= 0.1", metric("a", ">=", 0.1)),
        Arguments.of("tags.version = 'commit-hash'", tag("version", "=", "commit-hash")),
        Arguments.of("`tags`.source_name = 'a notebook'", tag("source_name", "=", "a notebook")),
        Arguments.of("metrics.\"accuracy.2.0\" > 5", metric("accuracy.2.0", ">", 5)),
        Arguments.of("metrics.`spacey name` > 5", metric("spacey name", ">", 5)),
        Arguments.of("params.\"p.a.r.a.m\" != \"a\"", param("p.a.r.a.m", "!=", "a")),
        Arguments.of("tags.\"t.a.g\" = \"a\"", tag("t.a.g", "=", "a")),
        Arguments.of("attribute.artifact_uri = '1/23/4'", attr("artifact_uri", "=", "1/23/4")),
        Arguments.of("attribute.start_time >= 1234", attr("start_time", ">=", 1234)),
        Arguments.of("run.status = 'RUNNING'", attr("status", "=", "RUNNING")),
        Arguments.of(
            "dataset.name = 'my_dataset'",
            new Comparison(
                EntityType.DATASET, "name", Comparator.EQ, new FilterValue.Text("my_dataset"))),
        Arguments.of("params.m = \"L'Hosp\"", param("m", "=", "L'Hosp")),
        // Aliases map to canonical attribute keys.
        Arguments.of("created > 5", attr("start_time", ">", 5)),
        Arguments.of("Created <= 5", attr("start_time", "<=", 5)),
        Arguments.of("\"run name\" = 'x'", attr("run_name", "=", "x")),
        Arguments.of("attributes.`Run name` LIKE 'x%'", attr("run_name", "LIKE", "x%")),
        Arguments.of("attributes.\"Run Name\" ILIKE 'x%'", attr("run_name", "ILIKE", "x%")),
        // Comparators are case-insensitive for runs.
        Arguments.of("params.lr like '0.%'", param("lr", "LIKE", "0.%")),
        Arguments.of(
            "attributes.run_id in ('abc','DEF', 'g1')",
            list(EntityType.ATTRIBUTE, "run_id", "IN", "abc", "g1")),
        Arguments.of(
            "run_id not  in ('abc')", list(EntityType.ATTRIBUTE, "run_id", "NOT IN", "abc")),
        Arguments.of(
            "datasets.name IN ('name1', 'Name2')",
            list(EntityType.DATASET, "name", "IN", "name1", "Name2")),
        Arguments.of(
            "datasets.context NOT IN ('it''s', 'a\\tb')",
            list(EntityType.DATASET, "context", "NOT IN", "its", "a\tb")),
        // Numbers as sqlparse lexes them.
        Arguments.of("metrics.a > -1", metric("a", ">", -1)),
        Arguments.of("metrics.a>-1e5", metric("a", ">", -1e5)),
        Arguments.of("metrics.a = .5", metric("a", "=", 0.5)),
        Arguments.of("metrics.a = 5.", metric("a", "=", 5)),
        Arguments.of("metrics.a >= 1e400", metric("a", ">=", Double.POSITIVE_INFINITY)),
        Arguments.of("metrics.1a > 1", metric("1a", ">", 1)),
        // Keys keep sqlparse's grouping: extra dots belong to the key.
        Arguments.of("metrics.a.b > 1", metric("a.b", ">", 1)),
        Arguments.of("metrics..a > 1", metric(".a", ">", 1)),
        Arguments.of("params.`a``b` = 'x'", param("a``b", "=", "x")),
        // Values are the raw text between the quotes (MLflow does not unescape).
        Arguments.of("params.a = 'x''y'", param("a", "=", "x''y")),
        Arguments.of("params.a = 'x\\'y'", param("a", "=", "x\\'y")),
        Arguments.of("params.a = ''", param("a", "=", "")));
  }

  @ParameterizedTest
  @MethodSource("validFilters")
  void parsesSingleComparisonsLikeMlflow(String filter, Comparison expected) {
    assertThat(RunFilterParser.parse(filter)).isEqualTo(expected);
  }

  @Test
  void aliasesOnlyApplyToAttributes() {
    // MLflow's store translates `created` / `run name` for every entity type, so it cannot
    // find a metric named "created"; mledger keeps metric, param and tag keys literal.
    assertThat(RunFilterParser.parse("metrics.created > 1")).isEqualTo(metric("created", ">", 1));
    assertThat(RunFilterParser.parse("params.`Run name` = 'x'"))
        .isEqualTo(param("Run name", "=", "x"));
  }

  @Test
  void backslashBeforeAQuoteEscapesItAsInSqlparse() {
    // sqlparse has no escaped-backslash rule: in 'a\\' the second backslash escapes the quote,
    // so the literal runs on to the next quote and leaves c' dangling, as MLflow does.
    assertThatThrownBy(() -> RunFilterParser.parse("params.a = 'a\\\\' AND params.b = 'c'"))
        .hasMessage("Invalid clause(s) in filter string: 'c' (at position 33)");
    assertThat(RunFilterParser.parse("params.a = 'a\\\\'")).isEqualTo(param("a", "=", "a\\\\"));
  }

  @Test
  void conjunctionsAreFlatAnds() {
    assertThat(RunFilterParser.parse("metrics.rmse < 1 and params.model_class = 'LR'"))
        .isEqualTo(new And(List.of(metric("rmse", "<", 1), param("model_class", "=", "LR"))));
  }

  @Test
  void toleratesStrayAndMissingAndsAsMlflowDoes() {
    And expected = new And(List.of(metric("a", ">", 1), metric("b", "<", 2)));
    assertThat(RunFilterParser.parse("metrics.a > 1 metrics.b < 2")).isEqualTo(expected);
    assertThat(RunFilterParser.parse("AND metrics.a > 1 AND AND metrics.b < 2 AND"))
        .isEqualTo(expected);
    assertThat(RunFilterParser.parse("metrics.a > 1 AND")).isEqualTo(metric("a", ">", 1));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "AND", " and AND "})
  void emptyFiltersParseToNull(String filter) {
    assertThat(RunFilterParser.parse(filter)).isNull();
  }

  @Test
  void orBindsLooserThanAnd() {
    assertThat(RunFilterParser.parse("metrics.a > 1 AND params.b = 'x' OR tags.c = 'y'"))
        .isEqualTo(
            new Or(
                List.of(
                    new And(List.of(metric("a", ">", 1), param("b", "=", "x"))),
                    tag("c", "=", "y"))));
  }

  @Test
  void parenthesesGroupAndNest() {
    assertThat(
            RunFilterParser.parse(
                "metrics.a > 1 AND (params.b = 'x' OR (tags.c = 'y' AND tags.d = 'z'))"))
        .isEqualTo(
            new And(
                List.of(
                    metric("a", ">", 1),
                    new Or(
                        List.of(
                            param("b", "=", "x"),
                            new And(List.of(tag("c", "=", "y"), tag("d", "=", "z"))))))));
    assertThat(RunFilterParser.parse("((metrics.a > 1))")).isEqualTo(metric("a", ">", 1));
  }

  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        Arguments.of(
            "metric.acc >= 0.94; metrics.rmse < 1", "Search filter contained multiple expression"),
        Arguments.of("m.acc >= 0.94", "Invalid entity type 'm'"),
        Arguments.of("acc >= 0.94", "Invalid attribute key 'acc'"),
        Arguments.of("p.model >= 'LR'", "Invalid entity type"),
        Arguments.of("attri.x != 1", "Invalid entity type"),
        Arguments.of("model >= 'LR'", "Invalid attribute key"),
        Arguments.of("metrics.A > 0.1 NAND params.B = 'LR'", "Invalid clause(s) in filter string"),
        Arguments.of("`metrics.A > 0.1", "Invalid clause(s) in filter string"),
        Arguments.of("param`.A > 0.1", "Invalid clause(s) in filter string"),
        Arguments.of("`dummy.A > 0.1", "Invalid clause(s) in filter string"),
        Arguments.of("dummy`.A > 0.1", "Invalid clause(s) in filter string"),
        Arguments.of("attribute.start != 1", "Invalid attribute key 'start'"),
        Arguments.of("attribute.experiment_id != 1", "Invalid attribute key"),
        Arguments.of("attribute.lifecycle_stage = 'ACTIVE'", "Invalid attribute key"),
        Arguments.of("attribute.name != 1", "Invalid attribute key"),
        Arguments.of("attribute._status != 'RUNNING'", "Invalid attribute key"),
        Arguments.of("attribute.status = true", "Invalid clause(s) in filter string"),
        Arguments.of("dataset.status = 'true'", "Invalid dataset key 'status'"),
        Arguments.of("dataset.profile = 'num_rows: 10'", "Invalid dataset key"),
        Arguments.of("metric.model = 'LR'", "Expected numeric value type for metric. Found 'LR'"),
        Arguments.of("metric.model = '5'", "Expected numeric value type for metric"),
        Arguments.of("params.acc = 5", "Expected a quoted string value for parameter"),
        Arguments.of("tags.acc = 5", "Expected a quoted string value for tag"),
        Arguments.of(
            "metrics.acc != metrics.acc", "Expected numeric value type for metric. Found metrics"),
        Arguments.of("1.0 > metrics.acc", "Expected 'Identifier' found '1.0'"),
        Arguments.of("attribute.status = 1", "Expected a quoted string value for attributes"),
        Arguments.of("params.acc = LR", "value is either not quoted or unidentified quote types"),
        Arguments.of("params.acc = `LR`", "value is either not quoted or unidentified quote"),
        Arguments.of("params.'acc = LR", "Invalid clause(s) in filter string"),
        Arguments.of("params.acc = 'LR", "Invalid clause(s) in filter string"),
        Arguments.of("params.acc = LR'", "Invalid clause(s) in filter string"),
        Arguments.of("params.acc = \"LR'", "Invalid clause(s) in filter string"),
        Arguments.of("tags.acc = = 'LR'", "Invalid clause(s) in filter string"),
        Arguments.of("attribute.status IS 'RUNNING'", "Invalid clause(s) in filter string"),
        Arguments.of("params.acc LR !=", "Invalid clause(s) in filter string"),
        Arguments.of("params.acc LR", "Invalid clause(s) in filter string"),
        Arguments.of("metric.acc !=", "Invalid clause(s) in filter string"),
        Arguments.of("foo is null", "Invalid clause(s) in filter string"),
        Arguments.of("1=1", "Expected 'Identifier' found '1'"),
        Arguments.of("1==2", "Expected 'Identifier' found '1'"),
        // Comparators MLflow's store rejects per entity type.
        Arguments.of("metrics.abc ~ 1.0", "Invalid comparator '~' not one of"),
        Arguments.of("metrics.abc LIKE 1.0", "Invalid comparator 'LIKE'"),
        Arguments.of("params.abc > 'x'", "Invalid comparator '>'"),
        Arguments.of("tags.abc <= 'x'", "Invalid comparator '<='"),
        Arguments.of("attributes.status > 'x'", "Invalid comparator '>'"),
        Arguments.of("attributes.start_time LIKE 1234", "Invalid comparator 'LIKE'"),
        Arguments.of("datasets.name >= 'x'", "Invalid comparator '>='"),
        Arguments.of("params.a NOT LIKE 'x'", "Invalid comparator 'NOT LIKE'"),
        Arguments.of("metrics.a == 1", "Invalid comparator '=='"),
        // Lists.
        Arguments.of(
            "attributes.status IN ('a')", "Only the 'run_id' attribute supports comparison"),
        Arguments.of("attributes.run_id IN ()", "but got empty list"),
        Arguments.of("attributes.run_id IN ('a',)", "but got ill-formed list"),
        Arguments.of("attributes.run_id IN ('a' 'b')", "but got ill-formed list"),
        Arguments.of("attributes.run_id IN (\"a\", \"b\")", "but got different type in list"),
        Arguments.of("attributes.run_id IN (1)", "but got ill-formed list"),
        Arguments.of("params.a IN ('x')", "Expected a quoted string value for parameter"),
        Arguments.of("metrics.a IN (1)", "Expected numeric value type for metric. Found (1)"),
        Arguments.of("attributes.run_id = ('a')", "use IN or NOT IN"),
        Arguments.of("attributes.run_id IN 'a'", "requires a parenthesised list"),
        // Lexical corner cases that sqlparse (hence MLflow) rejects.
        Arguments.of("metrics.1 > 1", "Invalid clause(s) in filter string"),
        Arguments.of("params.as = 'x'", "Invalid clause(s) in filter string"),
        Arguments.of("metrics.a = 0x1F", "Expected numeric value type for metric. Found 0x1F"),
        Arguments.of("metrics.a > +1", "Invalid clause(s) in filter string"),
        Arguments.of("metrics.a > 1 -- comment", "Invalid clause(s) in filter string"),
        Arguments.of("metrics.a > 1;", "Invalid clause(s) in filter string: ';'"),
        // Extension syntax errors.
        Arguments.of("(metrics.a > 1", "unbalanced parenthesis at position 0"),
        Arguments.of("metrics.a > 1)", "Invalid clause(s) in filter string: ')'"),
        Arguments.of("metrics.a > 1 OR", "Invalid clause(s) in filter string: 'OR'"),
        Arguments.of("OR metrics.a > 1", "Invalid clause(s) in filter string: 'OR'"),
        Arguments.of("()", "Invalid clause(s) in filter string: ')'"));
  }

  @ParameterizedTest
  @MethodSource("invalidFilters")
  void rejectsWithMlflowMessage(String filter, String message) {
    assertThatThrownBy(() -> RunFilterParser.parse(filter))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining(message);
  }

  @Test
  void invalidClauseMessagesPointAtTheOffendingToken() {
    assertThatThrownBy(() -> RunFilterParser.parse("metrics.a > 1 AND params.b = 'x' ~~ 3"))
        .hasMessage("Invalid clause(s) in filter string: '~~' (at position 33)");
  }

  @Test
  void attributeKeyErrorListsTheValidKeys() {
    assertThatThrownBy(() -> RunFilterParser.parse("attribute.nope = 'x'"))
        .hasMessage(
            "Invalid attribute key 'nope' specified. Valid keys are '{'artifact_uri', 'end_time',"
                + " 'run_id', 'run_name', 'start_time', 'status', 'user_id', 'created', 'Created',"
                + " 'run name', 'Run name', 'Run Name'}'");
  }

  @Test
  void survivesVeryLongLiterals() {
    String value = "x\\'".repeat(50_000);
    assertThat(RunFilterParser.parse("params.a = '" + value + "'"))
        .isEqualTo(param("a", "=", value));
  }
}
