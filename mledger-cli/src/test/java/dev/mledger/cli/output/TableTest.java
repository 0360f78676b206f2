package dev.mledger.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsColumnsAndRightAlignsNumbers() {
    String text =
        Table.of("metric", "value", "step")
            .row("acc", 0.91, 10L)
            .row("val_loss", 0.123456789, 2L)
            .render(TableStyle.plain());
    assertThat(text)
        .isEqualTo(
            """
            metric       value  step
            acc           0.91    10
            val_loss  0.123457     2
            """);
  }

  @Test
  void missingValuesShowAsDashAndDoNotMakeAColumnTextual() {
    String text = Table.of("k", "v").row("a", null).row("b", 1.5).render(TableStyle.plain());
    assertThat(text).isEqualTo("k    v\na    -\nb  1.5\n");
  }

  @Test
  void wideCellsAreCutWithAnEllipsis() {
    String text =
        Table.of("name").row("abcdefghijklmnop").render(TableStyle.plain().withMaxCellWidth(6));
    assertThat(text).isEqualTo("name\nabcde…\n");
  }

  @Test
  void plainStyleHasNoEscapesAndAnsiStyleBoldsTheHeader() {
    Table table = Table.of("a").row("x");
    assertThat(table.render(TableStyle.plain())).doesNotContain("\u001b");
    assertThat(table.render(new TableStyle(true, 40))).startsWith("\u001b[1ma\u001b[0m\n");
  }

  @Test
  void controlCharactersCannotBreakTheLayoutOrInjectEscapes() {
    String text = Table.of("v").row("line1\nline2\u001b[31m").render(TableStyle.plain());
    assertThat(text).isEqualTo("v\nline1 line2 [31m\n");
  }

  @Test
  void rowsMustMatchTheColumns() {
    assertThatThrownBy(() -> Table.of("a", "b").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersUseSixSignificantDigitsAndSpellOutSpecialValues() {
    assertThat(Cells.number(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(Cells.number(123456.789)).isEqualTo("123457");
    assertThat(Cells.number(1.5e-7)).isEqualTo("1.5e-7");
    assertThat(Cells.number(2.5e12)).isEqualTo("2.5e12");
    assertThat(Cells.number(-0.000123)).isEqualTo("-0.000123");
    assertThat(Cells.number(Double.NaN)).isEqualTo("NaN");
    assertThat(Cells.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(Cells.format(42L)).isEqualTo("42");
  }
}
