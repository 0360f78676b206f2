package dev.mledger.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModelTag;
import org.junit.jupiter.api.Test;

class RegistryValidationTest {

  @Test
  void versionsParseLikePythonInt() {
    assertThat(RegistryValidation.parseVersion("3")).isEqualTo(3);
    assertThat(RegistryValidation.parseVersion(" +1_0 ")).isEqualTo(10);
    assertThatThrownBy(() -> RegistryValidation.parseVersion("1.0"))
        .isInstanceOf(MledgerException.class)
        .hasMessage("Parameter 'version' must be an integer, got '1.0'.");
    assertThatThrownBy(() -> RegistryValidation.parseVersion("1__0"))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void aliasesFollowMlflowsRules() {
    RegistryValidation.validateAlias("champion-2_b");
    assertThatThrownBy(() -> RegistryValidation.validateAlias(""))
        .hasMessage("Registered model alias name cannot be empty.");
    assertThatThrownBy(() -> RegistryValidation.validateAlias("a b"))
        .hasMessage(
            "Invalid alias name: 'a b'. Names may only contain alphanumerics, underscores (_),"
                + " and dashes (-).");
    assertThatThrownBy(() -> RegistryValidation.validateAlias("LATEST"))
        .hasMessage("'latest' alias name (case insensitive) is reserved.");
    assertThatThrownBy(() -> RegistryValidation.validateAlias("V12"))
        .hasMessage("Version alias name 'V12' is reserved.");
    assertThatThrownBy(() -> RegistryValidation.validateAlias("a".repeat(256)))
        .hasMessageEndingWith("which exceeded length limit of 255");
  }

  @Test
  void tagsAndPageSizesHaveMlflowLimits() {
    RegistryValidation.validateRegisteredModelTag(new RegisteredModelTag("k", "v".repeat(5000)));
    assertThatThrownBy(
            () ->
                RegistryValidation.validateModelVersionTag(
                    new ModelVersionTag("k", "v".repeat(5001))))
        .hasMessageEndingWith("had length 5001, which exceeded length limit of 5000");
    assertThatThrownBy(
            () ->
                RegistryValidation.validateRegisteredModelTag(new RegisteredModelTag("../k", "v")))
        .isInstanceOf(MledgerException.class);
    assertThat(RegistryValidation.searchRegisteredModelsMaxResults(null)).isEqualTo(100);
    assertThat(RegistryValidation.searchModelVersionsMaxResults(null)).isEqualTo(200_000);
    assertThatThrownBy(() -> RegistryValidation.searchModelVersionsMaxResults(0L))
        .hasMessage("Invalid value for max_results. It must be a positive integer, but got 0");
  }
}
