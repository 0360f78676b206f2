package dev.mledger.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptUriTest {

  @Test
  void parsesVersionAndAliasForms() {
    assertThat(PromptUri.parse("prompts:/qa.system/3"))
        .isEqualTo(new PromptUri.ByVersion("qa.system", 3));
    PromptUri alias = PromptUri.parse("prompts:/qa@production");
    assertThat(alias).isEqualTo(new PromptUri.ByAlias("qa", "production"));
    assertThat(((PromptUri.ByAlias) alias).isLatest()).isFalse();
    assertThat(((PromptUri.ByAlias) PromptUri.parse("prompts:/qa@latest")).isLatest()).isTrue();
  }

  @Test
  void roundTripsThroughText() {
    for (String uri : new String[] {"prompts:/a/1", "prompts:/a-b_c.d@staging"}) {
      assertThat(PromptUri.parse(uri).toString()).isEqualTo(uri);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "models:/a/1",
        "prompts:/a",
        "prompts:/a/0",
        "prompts:/a/x",
        "prompts:/a/1/2",
        "prompts:/a@",
        "prompts:/@prod",
        "prompts:/a/1@prod",
        "prompts:/a@1prod",
        "prompts:/a/99999999999"
      })
  void refusesMalformedUris(String uri) {
    assertThatThrownBy(() -> PromptUri.parse(uri)).hasMessageContaining("Invalid prompt URI");
  }

  @Test
  void latestCannotBeSet() {
    assertThatThrownBy(() -> PromptNames.requireSettableAlias("latest"))
        .hasMessageContaining("reserved");
    assertThat(PromptNames.requireSettableAlias("production")).isEqualTo("production");
  }
}
