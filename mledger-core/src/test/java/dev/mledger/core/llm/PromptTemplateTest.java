package dev.mledger.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  @Test
  void extractsVariablesInOrderOfFirstAppearance() {
    PromptTemplate t =
        new PromptTemplate("Answer {{ question }} using {{context}}. Again: {{question}}");
    assertThat(t.variables()).containsExactly("question", "context");
  }

  @Test
  void rendersEveryOccurrenceAndIgnoresExtraValues() {
    PromptTemplate t = new PromptTemplate("Q: {{q}} / {{ q }} in {{lang.code}} $1");
    assertThat(t.render(Map.of("q", "why?", "lang.code", "en", "unused", "x")))
        .isEqualTo("Q: why? / why? in en $1");
  }

  @Test
  void renderingNamesEveryMissingVariable() {
    PromptTemplate t = new PromptTemplate("{{a}} {{b}} {{c}}");
    assertThatThrownBy(() -> t.render(Map.of("b", "1")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("Missing values for prompt variables a, c")
        .extracting(e -> ((MledgerException) e).code())
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
  }

  @Test
  void templateWithoutVariablesRendersAsIs() {
    assertThat(new PromptTemplate("Say hi.").render(Map.of())).isEqualTo("Say hi.");
  }

  @Test
  void refusesMalformedPlaceholders() {
    assertThatThrownBy(() -> new PromptTemplate("Hello {{user name}}"))
        .hasMessageContaining("Invalid prompt variable '{{user name}}'");
    assertThatThrownBy(() -> new PromptTemplate("Hello {{user"))
        .hasMessageContaining("Unclosed or malformed placeholder at offset 6");
    assertThatThrownBy(() -> new PromptTemplate("{{1st}}")).hasMessageContaining("1st");
    assertThatThrownBy(() -> new PromptTemplate(" ")).hasMessageContaining("must not be empty");
  }

  @Test
  void singleBracesAreText() {
    PromptTemplate t = new PromptTemplate("JSON: {\"a\": {{value}}}");
    assertThat(t.variables()).containsExactly("value");
    assertThat(t.render(Map.of("value", 1))).isEqualTo("JSON: {\"a\": 1}");
  }
}
