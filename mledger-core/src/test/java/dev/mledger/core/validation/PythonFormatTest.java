package dev.mledger.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values produced by CPython 3.11 ({@code posixpath.normpath}, {@code str(float)}). */
class PythonFormatTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a/../b|b",
        "/a|/a",
        "//a|//a",
        "///a|/a",
        "a//b|a/b",
        "./a|a",
        "a/.|a",
        "..|..",
        "a/..|.",
        "../a|../a",
        "''|.",
        "a/b/../../..|..",
        "x/|x",
        ".a|.a",
        "a..b|a..b",
        "//|//",
        "///|/",
      })
  void normpathMatchesPosixpath(String path, String expected) {
    assertThat(PythonFormat.normpath(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, 1.0",
    "1e-5, 1e-05",
    "1.5e16, 1.5e+16",
    "123456789.0, 123456789.0",
    "0.1, 0.1",
    "-2.5, -2.5",
    "1e16, 1e+16",
    "1e15, 1000000000000000.0",
    "1e-4, 0.0001",
    "12345.678, 12345.678",
    "4.9e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "NaN, nan",
    "-Infinity, -inf",
  })
  void floatsPrintAsPython(double value, String expected) {
    assertThat(PythonFormat.pyFloat(value)).isEqualTo(expected);
  }
}
