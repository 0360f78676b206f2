package dev.mledger.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {
  @Test
  void parsesAndPrints() {
    assertThat(SemanticVersion.parse("1.2.3")).isEqualTo(new SemanticVersion(1, 2, 3));
    assertThat(SemanticVersion.parse("v10.0.1").toString()).isEqualTo("10.0.1");
  }

  @Test
  void refusesMalformedLabels() {
    for (String bad : List.of("1.2", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-rc1", "", "0.0.0")) {
      assertThatThrownBy(() -> SemanticVersion.parse(bad))
          .as(bad)
          .isInstanceOf(MledgerException.class);
    }
  }

  @Test
  void bumpsResetLowerParts() {
    SemanticVersion v = SemanticVersion.parse("1.4.2");
    assertThat(v.bump(VersionBump.MAJOR)).hasToString("2.0.0");
    assertThat(v.bump(VersionBump.MINOR)).hasToString("1.5.0");
    assertThat(v.bump(VersionBump.PATCH)).hasToString("1.4.3");
    assertThat(VersionBump.fromName("Minor")).isEqualTo(VersionBump.MINOR);
    assertThatThrownBy(() -> VersionBump.fromName("huge")).isInstanceOf(MledgerException.class);
  }

  @Test
  void ordersNumericallyNotAsText() {
    List<SemanticVersion> versions =
        new ArrayList<>(
            List.of(
                SemanticVersion.parse("1.10.0"),
                SemanticVersion.parse("1.9.0"),
                SemanticVersion.parse("2.0.0")));
    versions.sort(null);
    assertThat(versions).extracting(Object::toString).containsExactly("1.9.0", "1.10.0", "2.0.0");
  }

  @Test
  void parsesDatasetReferences() {
    assertThat(DatasetRef.parse("churn@1.2.0").version()).contains(SemanticVersion.parse("1.2.0"));
    assertThat(DatasetRef.parse("churn").version()).isEmpty();
    assertThatThrownBy(() -> DatasetRef.parse("bad name@1.0.0"))
        .isInstanceOf(MledgerException.class);
    assertThatThrownBy(() -> DatasetRef.parse("churn@latest")).isInstanceOf(MledgerException.class);
  }
}
