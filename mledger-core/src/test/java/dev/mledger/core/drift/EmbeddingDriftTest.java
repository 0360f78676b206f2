package dev.mledger.core.drift;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.testing.ScipyFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EmbeddingDriftTest {

  @TestFactory
  Stream<DynamicTest> matchesTheNumpyMirror() {
    return ScipyFixtures.load("/dev/mledger/core/drift/mmd.txt", "mmd").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      int dim = c.integer("dim");
                      EmbeddingDriftResult r =
                          EmbeddingDrift.test(
                              rows(c.numbers("reference"), dim),
                              rows(c.numbers("current"), dim),
                              new MmdOptions(
                                  c.integer("permutations"),
                                  c.longValue("seed"),
                                  c.integer("max_per_side")));
                      assertMatches("mmd2", r.mmdSquared(), c.number("mmd2"));
                      assertThat(r.pValue()).isEqualTo(c.number("pvalue"));
                      assertMatches("bandwidth", r.bandwidth(), c.number("bandwidth"));
                      assertMatches(
                          "mean_distance", r.meanEmbeddingDistance(), c.number("mean_distance"));
                      assertMatches(
                          "cosine_distance",
                          r.meanEmbeddingCosineDistance(),
                          c.number("cosine_distance"));
                      assertThat(r.referenceRowsUsed()).isEqualTo(c.integer("rows_x"));
                      assertThat(r.currentRowsUsed()).isEqualTo(c.integer("rows_y"));
                    }));
  }

  @Test
  void aClearShiftIsSignificantAndTheSameSeedRepeats() {
    double[][] ref = rows(ScipyFixtures.synth(1, 120, 0, 1, -1), 2);
    double[][] cur = rows(ScipyFixtures.synth(2, 120, 1.5, 1, -1), 2);
    MmdOptions options = new MmdOptions(199, 7, 500);
    EmbeddingDriftResult first = EmbeddingDrift.test(ref, cur, options);
    assertThat(first.pValue()).isEqualTo(1.0 / 200);
    assertThat(EmbeddingDrift.test(ref, cur, options)).isEqualTo(first);
  }

  @Test
  void mismatchedDimensionsAreRejected() {
    assertThatThrownBy(
            () ->
                EmbeddingDrift.test(
                    new double[][] {{1, 2}, {3, 4}},
                    new double[][] {{1}, {2}},
                    MmdOptions.defaults()))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("dimension");
  }

  static double[][] rows(double[] flat, int dim) {
    double[][] out = new double[flat.length / dim][dim];
    for (int i = 0; i < out.length; i++) {
      System.arraycopy(flat, i * dim, out[i], 0, dim);
    }
    return out;
  }
}
