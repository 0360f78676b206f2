package dev.mledger.server.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PythonFloatTest {

  /** Vectors produced by CPython 3's {@code repr(float)}: "hex-bits repr" per line. */
  static Stream<Arguments> cpythonVectors() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                PythonFloatTest.class.getResourceAsStream("/python-float-repr.txt"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.split(" ");
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
        cases.add(Arguments.of(value, parts[1]));
      }
    }
    assertThat(cases).hasSizeGreaterThan(50);
    return cases.stream();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cpythonVectors")
  void matchesCpythonRepr(double value, String expected) {
    assertThat(PythonFloat.repr(value)).isEqualTo(expected);
  }

  @Test
  void rejectsNonFiniteValues() {
    assertThatThrownBy(() -> PythonFloat.repr(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PythonFloat.repr(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
