package dev.mledger.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestValidationTest {

  /** Expected values from CPython's {@code posixpath.normpath}. */
  static Stream<Arguments> normpath() {
    return Stream.of(
        Arguments.of("a/b", "a/b"),
        Arguments.of("a//b", "a/b"),
        Arguments.of("./a", "a"),
        Arguments.of("a/./b", "a/b"),
        Arguments.of("a/../b", "b"),
        Arguments.of("../a", "../a"),
        Arguments.of("/a", "/a"),
        Arguments.of("//a", "//a"),
        Arguments.of("///a", "/a"),
        Arguments.of("a/", "a"),
        Arguments.of(".", "."),
        Arguments.of("..", ".."),
        Arguments.of("a/b/..", "a"),
        Arguments.of("a/..", "."),
        Arguments.of("x y:z", "x y:z"),
        Arguments.of("m/../../n", "../n"));
  }

  @ParameterizedTest
  @MethodSource("normpath")
  void normalizesPathsLikePython(String path, String expected) {
    assertThat(RequestValidation.normalizePath(path)).isEqualTo(expected);
  }

  @Test
  void acceptsMlflowStyleNames() {
    assertThatCode(
            () ->
                RequestValidation.batch(
                    List.of(new Metric("val/loss:epoch 1", 1, 1, 0)),
                    List.of(new Param("model.lr-max", "0.1")),
                    List.of(new RunTag("mlflow.runName", "x"))))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsBadNamesWithMlflowMessages() {
    assertThatThrownBy(
            () ->
                RequestValidation.batch(List.of(new Metric("a*b", 1, 1, 0)), List.of(), List.of()))
        .isInstanceOf(MledgerException.class)
        .hasMessageStartingWith("Invalid metric name: 'a*b'. Names may only contain");
    assertThatThrownBy(
            () -> RequestValidation.batch(List.of(), List.of(new Param("a/../b", "x")), List.of()))
        .hasMessageContaining("This name would resolve to 'b'");
  }

  @Test
  void enforcesBatchLimitsAndValueLengths() {
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      params.add(new Param("p" + i, "v"));
    }
    assertThatThrownBy(() -> RequestValidation.batch(List.of(), params, List.of()))
        .hasMessage(
            "A batch logging request can contain at most 100 params. Got 101 params. Please split"
                + " up params across multiple requests and try again.");
    assertThatThrownBy(
            () ->
                RequestValidation.batch(
                    List.of(), List.of(new Param("p", "x".repeat(6001))), List.of()))
        .satisfies(
            e ->
                assertThat(((MledgerException) e).code())
                    .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageEndingWith("had length 6001, which exceeded length limit of 6000");
  }

  @Test
  void searchPageSizes() {
    assertThatCode(() -> RequestValidation.searchMaxResults(50_000)).doesNotThrowAnyException();
    assertThatThrownBy(() -> RequestValidation.searchMaxResults(0))
        .hasMessage(
            "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer");
  }
}
