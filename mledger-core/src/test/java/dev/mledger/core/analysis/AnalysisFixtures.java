package dev.mledger.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the scipy oracle fixtures written by {@code src/test/python/generate_analysis_fixtures.py}.
 */
final class AnalysisFixtures {
  /** The agreement required with scipy: absolute below magnitude 1, relative above. */
  static final double TOLERANCE = 1e-9;

  private AnalysisFixtures() {}

  record Case(String name, Map<String, String> fields) {
    String text(String key) {
      String value = fields.get(key);
      assertThat(value).as("field %s of %s", key, name).isNotNull();
      return value;
    }

    List<String> words(String key) {
      return Arrays.asList(text(key).trim().split("\\s+"));
    }

    double number(String key) {
      return Double.parseDouble(text(key));
    }

    double[] numbers(String key) {
      return words(key).stream().mapToDouble(Double::parseDouble).toArray();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> load(String file, String kind) {
    String resource = "/dev/mledger/core/analysis/" + file;
    List<Case> cases = new ArrayList<>();
    try (InputStream in = AnalysisFixtures.class.getResourceAsStream(resource)) {
      assertThat(in).as("fixture %s", resource).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String name = null;
      Map<String, String> fields = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[")) {
          if (fields != null) {
            cases.add(new Case(name, fields));
          }
          String header = line.substring(1, line.length() - 1);
          assertThat(header).startsWith(kind + " ");
          name = header.substring(kind.length() + 1);
          fields = new LinkedHashMap<>();
        } else {
          int equals = line.indexOf(" = ");
          fields.put(line.substring(0, equals).trim(), line.substring(equals + 3));
        }
      }
      if (fields != null) {
        cases.add(new Case(name, fields));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(cases).as("cases in %s", file).isNotEmpty();
    return cases;
  }

  /** Agreement within {@link #TOLERANCE}; NaN matches only NaN, infinities only themselves. */
  static void assertMatches(String label, double actual, double expected) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      assertThat(actual).as(label).isEqualTo(expected);
      return;
    }
    double allowed = TOLERANCE * Math.max(1.0, Math.abs(expected));
    assertThat(Math.abs(actual - expected))
        .as("%s: actual %s, scipy %s", label, actual, expected)
        .isLessThanOrEqualTo(allowed);
  }
}
