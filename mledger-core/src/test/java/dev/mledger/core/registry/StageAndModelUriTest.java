package dev.mledger.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageAndModelUriTest {

  @Test
  void stagesParseCaseInsensitivelyToTheirCanonicalNames() {
    assertThat(Stage.parse("production")).isEqualTo(Stage.PRODUCTION);
    assertThat(Stage.parse("STAGING")).isEqualTo(Stage.STAGING);
    assertThat(Stage.parse("none")).isEqualTo(Stage.NONE);
    assertThat(Stage.parse("ArChIvEd").wireName()).isEqualTo("Archived");
    assertThat(Stage.PRODUCTION.isActive()).isTrue();
    assertThat(Stage.ARCHIVED.isActive()).isFalse();
  }

  @Test
  void unknownStagesFailWithMlflowsMessage() {
    assertThatThrownBy(() -> Stage.parse("Deleted_Internal"))
        .isInstanceOf(MledgerException.class)
        .hasMessage(
            "Invalid Model Version stage: Deleted_Internal. Value must be one of None, Staging,"
                + " Production, Archived.")
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    assertThatThrownBy(() -> Stage.parse(null)).isInstanceOf(MledgerException.class);
  }

  @Test
  void modelUrisParseEveryMlflowForm() {
    assertThat(ModelUri.parse("models:/churn/3")).isEqualTo(new ModelUri.ByVersion("churn", 3));
    assertThat(ModelUri.parse("models:/churn/production"))
        .isEqualTo(new ModelUri.ByStage("churn", Stage.PRODUCTION));
    assertThat(ModelUri.parse("models:/churn/Latest")).isEqualTo(new ModelUri.Latest("churn"));
    assertThat(ModelUri.parse("models:/churn@champion"))
        .isEqualTo(new ModelUri.ByAlias("churn", "champion"));
    assertThat(ModelUri.parse("models:/a@b@champion"))
        .isEqualTo(new ModelUri.ByAlias("a@b", "champion"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "runs:/abc/model",
        "models:",
        "models:/",
        "models:churn/1",
        "models:/churn",
        "models:/churn/",
        "models:/a/b/c",
        "models:/ /1",
        "models:/churn@",
        "models:/@alias",
        "models:/churn@bad alias",
        "models://host/churn/1"
      })
  void improperModelUrisAreRejected(String uri) {
    assertThatThrownBy(() -> ModelUri.parse(uri))
        .isInstanceOf(MledgerException.class)
        .hasMessageStartingWith("Not a proper models:/ URI: " + uri + ".");
  }

  @Test
  void changeContextsDefaultToAnUnknownActor() {
    assertThat(ChangeContext.by(null).actor()).isEqualTo("unknown");
    assertThat(ChangeContext.by("  ").actor()).isEqualTo("unknown");
    assertThat(new ChangeContext("a", " ", null).reason()).isNull();
    assertThat(ChangeContext.by("a").withReason("r").withApproval(new Approval("b", "")).approval())
        .isEqualTo(new Approval("b", null));
    assertThatThrownBy(() -> new Approval(" ", null)).isInstanceOf(IllegalArgumentException.class);
  }
}
