package dev.mledger.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verdicts computed with CPython 3.11 running MLflow 2.17's handler logic ({@code urlparse}, then
 * {@code validate_query_string}).
 */
class ArtifactLocationCheckTest {
  private static final String FRAGMENT =
      "'artifact_location' URL can't include fragments or params.";
  private static final String QUERY = "Invalid query string";

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("s3://bucket/prefix", null),
        Arguments.of("file:///tmp/a", null),
        Arguments.of("/tmp/mlruns", null),
        Arguments.of("relative/dir", null),
        Arguments.of("http://host/a#frag", FRAGMENT),
        Arguments.of("http://host/a;p=1", FRAGMENT),
        Arguments.of("http://host/a;p=1/b", null),
        Arguments.of("s3://bucket/a;b", null),
        Arguments.of("ftp://h/x;type=a", FRAGMENT),
        Arguments.of("file:///tmp/a;b", null),
        Arguments.of("http://host/a?x=..", QUERY),
        Arguments.of("http://host/a?x=%2E%2E", QUERY),
        Arguments.of("http://host/a?x=%252E%252E", QUERY),
        Arguments.of("http://host/a?x=%25252E%25252E", QUERY),
        Arguments.of("s3://b/p?x=.%09.", QUERY),
        Arguments.of("s3://b/p?x=%2E%09%2E", QUERY),
        Arguments.of("http://host/a?x=.", null),
        Arguments.of("http://host/a?x=./.", null),
        Arguments.of("http://host/a#", null),
        Arguments.of("http://host/a?", null),
        Arguments.of("mlflow-artifacts:/x;y", null),
        Arguments.of("HTTP://host/a;p", FRAGMENT),
        Arguments.of("http://host/;p/a", null),
        Arguments.of("s3://b/p?q=%2e%2e%2f", QUERY),
        Arguments.of(" http://host/a#x", FRAGMENT),
        Arguments.of("http://host/a\t#x", FRAGMENT),
        Arguments.of("runs:/abc/model", null),
        Arguments.of("http://host/a?x=%zz..", QUERY),
        Arguments.of("a:b;c", null),
        Arguments.of("1http://x;y", FRAGMENT),
        Arguments.of("http://host/a?%25%25%25%25%25%25%25%25%25%25%25%252E.", QUERY),
        Arguments.of("http://host/a?%C3%A9", null),
        Arguments.of("\u0001http://h/a;x", FRAGMENT),
        Arguments.of("dbfs:/x;y?z#", null),
        Arguments.of("c:\\dir;x", null),
        // eight rounds of encoding still decode within MLflow's ten rounds ...
        Arguments.of("http://host/a?a%25252525252525252Eb", null),
        // ... nine do not: MLflow fails with a server error, this server refuses the query.
        Arguments.of("http://host/a?a%2525252525252525252Eb", QUERY));
  }

  @ParameterizedTest
  @MethodSource("verdicts")
  void matchesMlflow(String location, String message) {
    if (message == null) {
      assertThatCode(() -> ArtifactLocationCheck.validate(location)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> ArtifactLocationCheck.validate(location))
          .isInstanceOfSatisfying(
              MledgerException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
          .hasMessage(message);
    }
  }

  @Test
  void unquoteDecodesUtf8AndLeavesBrokenEscapes() {
    assertThat(ArtifactLocationCheck.unquote("%C3%A9t%C3%A9")).isEqualTo("\u00e9t\u00e9");
    assertThat(ArtifactLocationCheck.unquote("100%")).isEqualTo("100%");
    assertThat(ArtifactLocationCheck.unquote("%zz%4")).isEqualTo("%zz%4");
    assertThat(ArtifactLocationCheck.unquote("%FF")).isEqualTo("\uFFFD");
  }

  @Test
  void splitsLikeUrlparse() {
    ArtifactLocationCheck.Url url =
        ArtifactLocationCheck.Url.parse("HTTPS://user@host:1/a/b;p?q=1#f");
    assertThat(url).isEqualTo(new ArtifactLocationCheck.Url("https", "/a/b", "p", "q=1", "f"));
  }
}
