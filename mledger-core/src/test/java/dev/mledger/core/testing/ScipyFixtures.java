package dev.mledger.core.testing;

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
 * Reads the scipy oracle fixtures written by the generators under {@code src/test/python/}
 * (statistics, drift, run analysis) and compares results with them.
 *
 * <p>A fixture file is a sequence of blocks: a header {@code [kind name]} followed by {@code key =
 * value} lines, values being one number or word or a space-separated list; {@code #} starts a
 * comment line. Numbers are written with {@code repr}, so they parse back to the exact double.
 */
public final class ScipyFixtures {
  /** The agreement required with scipy: absolute below magnitude 1, relative above. */
  public static final double TOLERANCE = 1e-9;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private ScipyFixtures() {}

  /** One {@code [kind name]} block with its {@code key = value ...} lines. */
  public record Case(String kind, String name, Map<String, String> fields) {
    public String text(String key) {
      String value = fields.get(key);
      assertThat(value).as("field %s of %s", key, name).isNotNull();
      return value;
    }

    public double number(String key) {
      return Double.parseDouble(text(key));
    }

    public int integer(String key) {
      return Integer.parseInt(text(key));
    }

    public long longValue(String key) {
      return Long.parseLong(text(key));
    }

    public boolean bool(String key) {
      return Boolean.parseBoolean(text(key));
    }

    /** The space-separated words of a field (empty for an empty value). */
    public List<String> words(String key) {
      String value = text(key).trim();
      return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    public double[] numbers(String key) {
      return words(key).stream().mapToDouble(Double::parseDouble).toArray();
    }

    public long[] longs(String key) {
      return words(key).stream().mapToLong(Long::parseLong).toArray();
    }

    public boolean[] bools(String key) {
      List<String> words = words(key);
      boolean[] out = new boolean[words.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Boolean.parseBoolean(words.get(i));
      }
      return out;
    }

    /**
     * Values from a {@code synth} spec ({@code seed n shift scale decimals}); see {@link #synth}.
     */
    public double[] synth(String key) {
      List<String> t = words(key);
      return ScipyFixtures.synth(
          Long.parseLong(t.get(0)),
          Integer.parseInt(t.get(1)),
          Double.parseDouble(t.get(2)),
          Double.parseDouble(t.get(3)),
          Integer.parseInt(t.get(4)));
    }

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  /**
   * The blocks of {@code kind} in the classpath resource {@code resource} (an absolute path such as
   * {@code /dev/mledger/core/stats/ttest.txt}); fails when there are none.
   */
  public static List<Case> load(String resource, String kind) {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = ScipyFixtures.class.getResourceAsStream(resource)) {
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
          assertThat(fields)
              .as("%s: a value before the first [kind name] header", resource)
              .isNotNull();
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
    assertThat(cases).as("cases of kind %s in %s", kind, resource).isNotEmpty();
    return cases;
  }

  /**
   * Asserts agreement within {@link #TOLERANCE}; NaN matches only NaN, infinities only themselves.
   */
  public static void assertMatches(String label, double actual, double expected) {
    assertMatches(label, actual, expected, TOLERANCE);
  }

  /** As {@link #assertMatches(String, double, double)} with an explicit tolerance. */
  public static void assertMatches(String label, double actual, double expected, double tolerance) {
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

  /**
   * Mirror of the Python generators' {@code synth}: sums of four SplitMix64 uniforms (a bell
   * shape), shifted and scaled, floored to {@code decimals} places when {@code decimals >= 0} to
   * create ties. The generator is spelled out here rather than borrowed from main code, so the
   * oracle's inputs do not depend on the code under test.
   */
  public static double[] synth(long seed, int n, double shift, double scale, int decimals) {
    long[] state = {seed};
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double u = uniform(state) + uniform(state) + uniform(state) + uniform(state);
      double v = shift + scale * (u - 2.0);
      if (decimals >= 0) {
        double p = Math.pow(10.0, decimals);
        v = Math.floor(v * p) / p;
      }
      out[i] = v;
    }
    return out;
  }

  private static double uniform(long[] state) {
    state[0] += GOLDEN_GAMMA;
    long z = state[0];
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }
}
