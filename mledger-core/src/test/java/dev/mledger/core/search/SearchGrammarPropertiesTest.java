package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips through {@link FilterRenderer} and robustness of every parser against any input. */
class SearchGrammarPropertiesTest {

  private static final List<Comparator> NUMERIC_OPS =
      List.of(
          Comparator.EQ,
          Comparator.NEQ,
          Comparator.GT,
          Comparator.GTE,
          Comparator.LT,
          Comparator.LTE);
  private static final List<Comparator> STRING_OPS =
      List.of(Comparator.EQ, Comparator.NEQ, Comparator.LIKE, Comparator.ILIKE);

  // ---- round trips -------------------------------------------------------------------------

  @Property(tries = 400)
  void renderedRunFiltersParseBackToTheSameAst(@ForAll("runFilters") FilterExpr expr) {
    String rendered = FilterRenderer.render(expr);
    assertThat(RunFilterParser.parse(rendered)).as(rendered).isEqualTo(expr);
  }

  @Property(tries = 300)
  void renderedExperimentFiltersParseBackToTheSameAst(
      @ForAll("experimentFilters") FilterExpr expr) {
    String rendered = FilterRenderer.render(expr);
    assertThat(ExperimentFilterParser.parse(rendered)).as(rendered).isEqualTo(expr);
  }

  @Property(tries = 200)
  void pageTokensRoundTrip(@ForAll @IntRange(min = 1) int offset) {
    assertThat(PageToken.decode(PageToken.encode(offset))).isEqualTo(offset);
  }

  @Provide
  Arbitrary<FilterExpr> runFilters() {
    return tree(runComparisons(), 3);
  }

  @Provide
  Arbitrary<FilterExpr> experimentFilters() {
    return tree(experimentComparisons(), 3);
  }

  private static Arbitrary<FilterExpr> tree(Arbitrary<FilterExpr.Comparison> leaves, int depth) {
    if (depth == 0) {
      return leaves.map(c -> c);
    }
    Arbitrary<FilterExpr> child = tree(leaves, depth - 1);
    Arbitrary<List<FilterExpr>> terms = child.list().ofMinSize(2).ofMaxSize(3);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaves.map(c -> (FilterExpr) c)),
        net.jqwik.api.Tuple.of(2, terms.map(FilterExpr.And::new)),
        net.jqwik.api.Tuple.of(2, terms.map(FilterExpr.Or::new)));
  }

  private static Arbitrary<FilterExpr.Comparison> runComparisons() {
    Arbitrary<FilterExpr.Comparison> metric =
        Combinators.combine(renderableKeys(), Arbitraries.of(NUMERIC_OPS), numbers())
            .as((k, op, v) -> new FilterExpr.Comparison(EntityType.METRIC, k, op, v));
    Arbitrary<FilterExpr.Comparison> paramOrTag =
        Combinators.combine(
                Arbitraries.of(EntityType.PARAM, EntityType.TAG),
                renderableKeys(),
                Arbitraries.of(STRING_OPS),
                texts())
            .as(FilterExpr.Comparison::new);
    Arbitrary<FilterExpr.Comparison> numericAttribute =
        Combinators.combine(
                Arbitraries.of("start_time", "end_time"), Arbitraries.of(NUMERIC_OPS), numbers())
            .as((k, op, v) -> new FilterExpr.Comparison(EntityType.ATTRIBUTE, k, op, v));
    Arbitrary<FilterExpr.Comparison> stringAttribute =
        Combinators.combine(
                Arbitraries.of("artifact_uri", "run_id", "run_name", "status", "user_id"),
                Arbitraries.of(STRING_OPS),
                texts())
            .as((k, op, v) -> new FilterExpr.Comparison(EntityType.ATTRIBUTE, k, op, v));
    Arbitrary<FilterExpr.Comparison> runIds =
        Combinators.combine(
                Arbitraries.of(Comparator.IN, Comparator.NOT_IN),
                Arbitraries.strings()
                    .withCharRange('a', 'f')
                    .withCharRange('0', '9')
                    .ofMinLength(1)
                    .ofMaxLength(32)
                    .filter(MlflowText::isPyLower)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(4))
            .as(
                (op, ids) ->
                    new FilterExpr.Comparison(
                        EntityType.ATTRIBUTE, "run_id", op, new FilterValue.TextList(ids)));
    Arbitrary<FilterExpr.Comparison> dataset =
        Combinators.combine(
                Arbitraries.of(SearchKeys.DATASET_KEYS),
                Arbitraries.of(
                    Comparator.EQ,
                    Comparator.NEQ,
                    Comparator.LIKE,
                    Comparator.ILIKE,
                    Comparator.IN,
                    Comparator.NOT_IN),
                texts(),
                anyStrings().list().ofMinSize(1).ofMaxSize(3))
            .as(
                (k, op, text, list) ->
                    new FilterExpr.Comparison(
                        EntityType.DATASET,
                        k,
                        op,
                        op == Comparator.IN || op == Comparator.NOT_IN
                            ? new FilterValue.TextList(list)
                            : text));
    return Arbitraries.oneOf(
        metric, paramOrTag, numericAttribute, stringAttribute, runIds, dataset);
  }

  private static Arbitrary<FilterExpr.Comparison> experimentComparisons() {
    Arbitrary<FilterExpr.Comparison> name =
        Combinators.combine(Arbitraries.of(STRING_OPS), texts())
            .as((op, v) -> new FilterExpr.Comparison(EntityType.ATTRIBUTE, "name", op, v));
    Arbitrary<FilterExpr.Comparison> time =
        Combinators.combine(
                Arbitraries.of("creation_time", "last_update_time"),
                Arbitraries.of(NUMERIC_OPS),
                numbers())
            .as((k, op, v) -> new FilterExpr.Comparison(EntityType.ATTRIBUTE, k, op, v));
    Arbitrary<FilterExpr.Comparison> tag =
        Combinators.combine(renderableKeys(), Arbitraries.of(STRING_OPS), texts())
            .as((k, op, v) -> new FilterExpr.Comparison(EntityType.TAG, k, op, v));
    return Arbitraries.oneOf(name, time, tag);
  }

  private static Arbitrary<String> anyStrings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().withChars("ab'\"`\\ .,()%_\n\t").ofMaxLength(10),
        Arbitraries.strings().all().ofMaxLength(6));
  }

  /** Keys the renderer can spell (neither both quote kinds nor a trailing quote trap). */
  private static Arbitrary<String> renderableKeys() {
    return Arbitraries.oneOf(
            Arbitraries.of("rmse", "lr", "my metric", "a.b", "in", "AND", "x-y", "é", ""),
            anyStrings())
        .filter(SearchGrammarPropertiesTest::renderableKey);
  }

  private static boolean renderableKey(String key) {
    try {
      FilterRenderer.key(key);
      return true;
    } catch (MledgerException e) {
      return false;
    }
  }

  private static Arbitrary<FilterValue> texts() {
    return anyStrings()
        .filter(v -> !v.endsWith("\\") && !(v.contains("'") && v.contains("\"")))
        .map(FilterValue.Text::new);
  }

  private static Arbitrary<FilterValue> numbers() {
    return Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.longs().map(Long::doubleValue),
            Arbitraries.of(
                0.0,
                -0.0,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                1e-300))
        .map(FilterValue.Number::new);
  }

  // ---- robustness --------------------------------------------------------------------------

  @Property(tries = 1500)
  void parsersOnlyEverThrowInvalidParameterValue(@ForAll("hostileStrings") String input) {
    expectOnlyInvalidParameter(() -> RunFilterParser.parse(input));
    expectOnlyInvalidParameter(() -> ExperimentFilterParser.parse(input));
    expectOnlyInvalidParameter(() -> OrderByParser.forRuns(List.of(input)));
    expectOnlyInvalidParameter(() -> OrderByParser.forExperiments(List.of(input)));
    expectOnlyInvalidParameter(() -> PageToken.decode(input));
  }

  @Provide
  Arbitrary<String> hostileStrings() {
    Arbitrary<String> fragments =
        Arbitraries.of(
            "metrics.a",
            "params.`b c`",
            "tags.\"d\"",
            "attributes.run_id",
            "created",
            "datasets.name",
            "name",
            "tags.",
            " ",
            "=",
            "!=",
            ">=",
            "LIKE",
            "NOT IN",
            "IN",
            "AND",
            "OR",
            "(",
            ")",
            ",",
            ";",
            "'x'",
            "'",
            "\"",
            "`",
            "\\",
            "1",
            "-2.5e3",
            "0x1",
            "--",
            "/*",
            "$$",
            "DESC",
            "eyJvZmZzZXQiOiAxMH0=",
            "=");
    Arbitrary<String> soup = fragments.list().ofMaxSize(25).map(l -> String.join("", l));
    Arbitrary<String> spacedSoup = fragments.list().ofMaxSize(25).map(l -> String.join(" ", l));
    return Arbitraries.oneOf(
        soup,
        spacedSoup,
        Arbitraries.strings().all().ofMaxLength(60),
        Arbitraries.strings().withChars("()'\"`\\.=<>!,; aAND").ofMaxLength(80),
        Arbitraries.strings().withChars("(").ofMinLength(90).ofMaxLength(400));
  }

  private static void expectOnlyInvalidParameter(Runnable call) {
    try {
      call.run();
    } catch (MledgerException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
