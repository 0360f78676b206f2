package dev.mledger.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected values from numpy 1.26 {@code np.quantile(x, q)} (method="linear"). */
class QuantilesTest {
  private static final double[] X = {12.0, 3.5, 7.25, 100.0, 42.0, 8.0, 9.5};

  @Test
  void matchesNumpyLinear() {
    assertThat(Quantiles.linear(X, 0)).isEqualTo(3.5);
    assertThat(Quantiles.linear(X, 0.5)).isEqualTo(9.5);
    assertThat(Quantiles.linear(X, 0.95)).isEqualTo(82.59999999999997);
    assertThat(Quantiles.linear(X, 0.99)).isEqualTo(96.51999999999997);
    assertThat(Quantiles.linear(X, 1)).isEqualTo(100.0);
    assertThat(Quantiles.linear(new double[] {1, 2}, 0.95)).isEqualTo(1.95);
    assertThat(Quantiles.linear(new double[] {7}, 0.99)).isEqualTo(7);
  }

  @Test
  void refusesEmptyInputAndBadLevels() {
    assertThatThrownBy(() -> Quantiles.linear(new double[0], 0.5))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> Quantiles.linear(X, 1.5)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> Quantiles.linear(new double[] {1, Double.NaN}, 0.5))
        .hasMessageContaining("finite");
  }
}
