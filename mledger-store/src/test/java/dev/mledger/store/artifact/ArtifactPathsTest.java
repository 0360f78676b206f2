package dev.mledger.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {

  @Test
  void normalisesSlashesAndDotSegments() {
    assertThat(ArtifactPaths.normalize(null)).isEmpty();
    assertThat(ArtifactPaths.normalize("")).isEmpty();
    assertThat(ArtifactPaths.normalize(".")).isEmpty();
    assertThat(ArtifactPaths.normalize("a//./b/")).isEqualTo("a/b");
    assertThat(ArtifactPaths.normalize("0/abc/artifacts/model/MLmodel"))
        .isEqualTo("0/abc/artifacts/model/MLmodel");
    assertThat(ArtifactPaths.normalize("caf%C3%A9/x%20y.txt")).isEqualTo("café/x y.txt");
    assertThat(ArtifactPaths.normalize("a+b/100%")).isEqualTo("a+b/100%");
    assertThat(ArtifactPaths.normalize("..a/b..")).isEqualTo("..a/b..");
  }

  @Test
  void normalisingTwiceGivesTheSameResult() {
    for (String path : new String[] {"a//b/./c", "x%20y", "caf%C3%A9", "a+b"}) {
      String once = ArtifactPaths.normalize(path);
      assertThat(ArtifactPaths.normalize(once)).isEqualTo(once);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        "../secret",
        "a/../../b",
        "a/..",
        "/etc/passwd",
        "//server/share",
        "%2e%2e/secret",
        "%2E%2E%2Fsecret",
        "a%2f..%2f..%2fb",
        "%252e%252e/secret",
        "%25252e%25252e/secret",
        "%2fetc/passwd",
        "C:/Windows/system.ini",
        "c:secret",
        "file:/etc/passwd",
        "s3://bucket/key",
        "a\\..\\b",
        "a%5c..%5cb",
        "a\u0000b",
        "a%00b",
        "a%0ab",
        "a\rb",
        "a#b",
        "%ff%fe",
        "%c0%ae%c0%ae/secret"
      })
  void rejectsUnsafePaths(String path) {
    assertThatThrownBy(() -> ArtifactPaths.normalize(path))
        .isInstanceOf(MledgerException.class)
        .satisfies(
            e -> {
              assertThat(((MledgerException) e).code())
                  .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
              assertThat(e.getMessage())
                  .startsWith("Invalid path '")
                  .doesNotContain("\u0000", "\n");
            });
  }

  @Test
  void rejectsOverlongSegmentsAndPaths() {
    String segment = "x".repeat(ArtifactPaths.MAX_SEGMENT_BYTES);
    assertThat(ArtifactPaths.normalize(segment)).isEqualTo(segment);
    assertThatThrownBy(() -> ArtifactPaths.normalize(segment + "x"))
        .hasMessageContaining("segment is longer");
    String deep = (segment + "/").repeat(4) + "y".repeat(10);
    assertThatThrownBy(() -> ArtifactPaths.normalize(deep))
        .hasMessageContaining("longer than 1024");
    assertThat(ArtifactPaths.normalize("%" + "25".repeat(5) + "2ex")).isEqualTo(".x");
    assertThatThrownBy(() -> ArtifactPaths.normalize("%" + "25".repeat(12) + "2e"))
        .hasMessageContaining("percent-encoded too many times");
  }

  @Test
  void fileNamesMustNotBeTheRoot() {
    assertThat(ArtifactPaths.normalizeFile("a/b")).isEqualTo("a/b");
    assertThatThrownBy(() -> ArtifactPaths.normalizeFile("./"))
        .hasMessageContaining("must name a file");
  }

  @Test
  void helpersSplitAndJoin() {
    assertThat(ArtifactPaths.parent("a/b/c")).isEqualTo("a/b");
    assertThat(ArtifactPaths.parent("c")).isEmpty();
    assertThat(ArtifactPaths.name("a/b/c")).isEqualTo("c");
    assertThat(ArtifactPaths.join("", "c")).isEqualTo("c");
    assertThat(ArtifactPaths.join("a", "c")).isEqualTo("a/c");
  }

  @Test
  void ordersByCodePointLikePythonAndS3() {
    // U+FF21 sorts before U+1F600 by code point, after it by UTF-16 unit.
    assertThat(ArtifactPaths.compareCodePoints("\uFF21", "\uD83D\uDE00")).isNegative();
    assertThat(ArtifactPaths.compareCodePoints("B", "a")).isNegative();
    assertThat(ArtifactPaths.compareCodePoints("a", "ab")).isNegative();
    assertThat(ArtifactPaths.compareCodePoints("ab", "ab")).isZero();
  }
}
