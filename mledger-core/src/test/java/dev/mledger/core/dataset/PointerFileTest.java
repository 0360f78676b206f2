package dev.mledger.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import org.junit.jupiter.api.Test;

class PointerFileTest {
  private static final String HASH =
      "308a5b9a918d39a826ee3c0cc29c6caa21264bafcffabae7e2e42330dfc1cc2b";

  private static PointerFile pointer() {
    return new PointerFile(
        "churn", SemanticVersion.parse("1.2.0"), DatasetKind.DIRECTORY, HASH, 9, 4, "data");
  }

  @Test
  void writesOneKeyPerLineAndReadsItBack() {
    String text = pointer().toText();
    assertThat(text)
        .isEqualTo(
            "{\n"
                + "  \"format\": \"mledger-pointer/1\",\n"
                + "  \"name\": \"churn\",\n"
                + "  \"version\": \"1.2.0\",\n"
                + "  \"kind\": \"directory\",\n"
                + "  \"sha256\": \""
                + HASH
                + "\",\n"
                + "  \"size\": 9,\n"
                + "  \"files\": 4,\n"
                + "  \"path\": \"data\"\n"
                + "}\n");
    assertThat(PointerFile.parse(text)).isEqualTo(pointer());
  }

  @Test
  void refusesOtherFormatsUnknownKeysAndBadFields() {
    String text = pointer().toText();
    assertThatThrownBy(() -> PointerFile.parse(text.replace("pointer/1", "pointer/2")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("unsupported pointer format");
    assertThatThrownBy(() -> PointerFile.parse(text.replace("\"path\"", "\"where\"")))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("unknown key");
    assertThatThrownBy(() -> PointerFile.parse(text.replace("\"data\"", "\"../x\"")))
        .isInstanceOf(MledgerException.class);
    assertThatThrownBy(() -> PointerFile.parse("not json")).isInstanceOf(MledgerException.class);
  }
}
