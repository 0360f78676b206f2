package dev.mledger.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleSortTest {

  @Test
  void sortsExactlyLikeArraysSortIncludingSignedZeros() {
    SplittableRandom random = new SplittableRandom(3);
    for (int n : new int[] {0, 1, 17, 4095, 4096, 50_000}) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] =
            switch (i % 7) {
              case 0 -> -0.0;
              case 1 -> 0.0;
              case 2 -> Math.floor(random.nextDouble() * 10) - 5;
              case 3 -> (random.nextDouble() - 0.5) * 1e300;
              case 4 -> (random.nextDouble() - 0.5) * 1e-300;
              case 5 -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE;
              default -> random.nextGaussian();
            };
      }
      double[] original = values.clone();
      double[] expected = values.clone();
      Arrays.sort(expected);
      assertThat(Arrays.equals(DoubleSort.sortedCopy(values), expected)).as("n=%d", n).isTrue();
      assertThat(Arrays.equals(values, original)).as("input untouched").isTrue();
    }
  }

  @Test
  void identicalValuesSkipEveryPass() {
    double[] values = new double[10_000];
    Arrays.fill(values, 2.5);
    assertThat(DoubleSort.sortedCopy(values)).containsOnly(2.5).hasSize(10_000);
  }
}
