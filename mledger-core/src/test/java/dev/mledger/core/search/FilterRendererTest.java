package dev.mledger.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.search.FilterExpr.And;
import dev.mledger.core.search.FilterExpr.Comparison;
import dev.mledger.core.search.FilterExpr.Or;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterRendererTest {

  private static final Comparison RMSE =
      new Comparison(EntityType.METRIC, "rmse", Comparator.LT, new FilterValue.Number(0.5));
  private static final Comparison MODEL =
      new Comparison(EntityType.PARAM, "model", Comparator.EQ, new FilterValue.Text("ridge"));
  private static final Comparison TEAM =
      new Comparison(EntityType.TAG, "team name", Comparator.LIKE, new FilterValue.Text("ml%"));

  @Test
  void rendersConjunctionsAsPlainMlflowFilters() {
    String rendered = FilterRenderer.render(new And(List.of(RMSE, MODEL, TEAM)));
    assertThat(rendered)
        .isEqualTo("metrics.rmse < 0.5 AND params.model = 'ridge' AND tags.`team name` LIKE 'ml%'");
    assertThat(RunFilterParser.parse(rendered)).isEqualTo(new And(List.of(RMSE, MODEL, TEAM)));
  }

  @Test
  void parenthesisesOnlyWherePrecedenceRequires() {
    FilterExpr expr =
        new Or(
            List.of(
                new And(List.of(RMSE, MODEL)),
                new And(List.of(TEAM, new Or(List.of(RMSE, MODEL))))));
    String rendered = FilterRenderer.render(expr);
    assertThat(rendered)
        .isEqualTo(
            "metrics.rmse < 0.5 AND params.model = 'ridge' OR tags.`team name` LIKE 'ml%' AND"
                + " (metrics.rmse < 0.5 OR params.model = 'ridge')");
    assertThat(RunFilterParser.parse(rendered)).isEqualTo(expr);
  }

  @Test
  void quotesValuesAndKeysSoTheyReadBack() {
    Comparison quote =
        new Comparison(EntityType.PARAM, "in", Comparator.EQ, new FilterValue.Text("it's"));
    Comparison list =
        new Comparison(
            EntityType.DATASET,
            "name",
            Comparator.NOT_IN,
            new FilterValue.TextList(List.of("a'b", "c\\d", "line\nbreak")));
    Comparison infinite =
        new Comparison(
            EntityType.ATTRIBUTE,
            "end_time",
            Comparator.LT,
            new FilterValue.Number(Double.POSITIVE_INFINITY));
    for (Comparison c : List.of(quote, list, infinite)) {
      assertThat(RunFilterParser.parse(FilterRenderer.render(c))).isEqualTo(c);
    }
    assertThat(FilterRenderer.render(quote)).isEqualTo("params.`in` = \"it's\"");
  }

  @Test
  void refusesWhatMlflowCannotExpress() {
    assertThatThrownBy(
            () ->
                FilterRenderer.render(
                    new Comparison(
                        EntityType.PARAM, "a", Comparator.EQ, new FilterValue.Text("'\""))))
        .isInstanceOf(MledgerException.class);
    assertThatThrownBy(
            () ->
                FilterRenderer.render(
                    new Comparison(
                        EntityType.METRIC, "a", Comparator.EQ, new FilterValue.Number(Double.NaN))))
        .isInstanceOf(MledgerException.class);
    assertThatThrownBy(() -> FilterRenderer.render(new And(List.of())))
        .isInstanceOf(MledgerException.class);
  }
}
