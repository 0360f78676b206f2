package dev.mledger.core.drift;

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
 * Reads the scipy oracle fixtures written by {@code src/test/python/generate_drift_fixtures.py} and
 * compares results with them.
 */
final class DriftFixtures {
  /** The agreement required with scipy: absolute below magnitude 1, relative above. */
  static final double TOLERANCE = 1e-9;

  private DriftFixtures() {}

  /** One {@code [kind name]} block with its {@code key = value ...} lines. */
  record Case(String kind, String name, Map<String, String> fields) {
    String text(String key) {
      String value = fields.get(key);
      assertThat(value).as("field %s of %s", key, name).isNotNull();
      return value;
    }

    double number(String key) {
      return Double.parseDouble(text(key));
    }

    int integer(String key) {
      return Integer.parseInt(text(key));
    }

    long longValue(String key) {
      return Long.parseLong(text(key));
    }

    boolean bool(String key) {
      return Boolean.parseBoolean(text(key));
    }

    /** Values from a {@code synth} spec ({@code seed n shift scale decimals}). */
    double[] synth(String key) {
      List<String> t = tokens(key);
      return DriftFixtures.synth(
          Long.parseLong(t.get(0)),
          Integer.parseInt(t.get(1)),
          Double.parseDouble(t.get(2)),
          Double.parseDouble(t.get(3)),
          Integer.parseInt(t.get(4)));
    }

    double[] numbers(String key) {
      return tokens(key).stream().mapToDouble(Double::parseDouble).toArray();
    }

    long[] longs(String key) {
      return tokens(key).stream().mapToLong(Long::parseLong).toArray();
    }

    boolean[] bools(String key) {
      List<String> tokens = tokens(key);
      boolean[] out = new boolean[tokens.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Boolean.parseBoolean(tokens.get(i));
      }
      return out;
    }

    private List<String> tokens(String key) {
      String value = text(key).trim();
      return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  /**
   * Mirror of the Python {@code synth}: sums of four SplitMix64 uniforms (a bell shape), shifted
   * and scaled, floored to {@code decimals} places when {@code decimals >= 0} to create ties.
   */
  static double[] synth(long seed, int n, double shift, double scale, int decimals) {
    SeededRandom random = new SeededRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double u = uniform(random) + uniform(random) + uniform(random) + uniform(random);
      double v = shift + scale * (u - 2.0);
      if (decimals >= 0) {
        double p = Math.pow(10.0, decimals);
        v = Math.floor(v * p) / p;
      }
      out[i] = v;
    }
    return out;
  }

  private static double uniform(SeededRandom random) {
    return (random.nextLong() >>> 11) * 0x1.0p-53;
  }

  static List<Case> load(String file, String kind) {
    String resource = "/dev/mledger/core/drift/" + file;
    List<Case> cases = new ArrayList<>();
    try (InputStream in = DriftFixtures.class.getResourceAsStream(resource)) {
      assertThat(in).as("fixture %s", resource).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String currentKind = null;
      String currentName = null;
      Map<String, String> fields = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[")) {
          if (fields != null && currentKind.equals(kind)) {
            cases.add(new Case(currentKind, currentName, fields));
          }
          String header = line.substring(1, line.length() - 1);
          int space = header.indexOf(' ');
          currentKind = header.substring(0, space);
          currentName = header.substring(space + 1);
          fields = new LinkedHashMap<>();
        } else {
          int equals = line.indexOf(" = ");
          String key = equals < 0 ? line.replace(" =", "").trim() : line.substring(0, equals);
          fields.put(key.trim(), equals < 0 ? "" : line.substring(equals + 3));
        }
      }
      if (fields != null && currentKind.equals(kind)) {
        cases.add(new Case(currentKind, currentName, fields));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(cases).as("cases of kind %s in %s", kind, file).isNotEmpty();
    return cases;
  }

  /**
   * Asserts agreement within {@link #TOLERANCE}; NaN matches only NaN, infinities only themselves.
   */
  static void assertMatches(String label, double actual, double expected) {
    assertMatches(label, actual, expected, TOLERANCE);
  }

  /** As {@link #assertMatches(String, double, double)} with an explicit tolerance. */
  static void assertMatches(String label, double actual, double expected, double tolerance) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(label).isNaN();
      return;
    }
    if (Double.isInfinite(expected)) {
      assertThat(actual).as(label).isEqualTo(expected);
      return;
    }
    double allowed = tolerance * Math.max(1.0, Math.abs(expected));
    assertThat(Math.abs(actual - expected))
        .as("%s: actual %s, scipy %s", label, actual, expected)
        .isLessThanOrEqualTo(allowed);
  }
}
