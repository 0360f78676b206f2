package dev.mledger.cli.demo;

import java.util.Random;

/**
 * The distribution the demo's synthetic regression data is drawn from: ten standard-normal features
 * of which the first five are informative, {@code y = 2 + Σ wᵢ·xᵢ + ε} with ε ~ N(0, 1.2²).
 *
 * <p>The {@linkplain #shifted() shifted} population moves {@code x0} by +1.5 standard deviations,
 * widens {@code x3} 1.8 times and doubles its effect: a covariate shift together with a change of
 * the relationship, so that a model trained before the shift is measurably worse after it.
 *
 * @param x0Offset added to {@code x0}
 * @param x3Scale multiplies {@code x3}
 * @param x3Weight the coefficient of {@code x3}
 */
record Population(double x0Offset, double x3Scale, double x3Weight) {
  static final int FEATURES = 10;
  static final int INFORMATIVE = 5;
  static final double INTERCEPT = 2.0;
  static final double NOISE_SD = 1.2;
  private static final double[] WEIGHTS = {3.0, -2.0, 1.5, 1.0, -0.5};

  static Population baseline() {
    return new Population(0, 1, WEIGHTS[3]);
  }

  static Population shifted() {
    return new Population(1.5, 1.8, 2.0);
  }

  /** The names of the feature columns, {@code x0} … {@code x9}. */
  static String[] featureNames() {
    String[] names = new String[FEATURES];
    for (int i = 0; i < FEATURES; i++) {
      names[i] = "x" + i;
    }
    return names;
  }

  /** Draws one row's features. */
  double[] features(Random random) {
    double[] x = new double[FEATURES];
    for (int i = 0; i < FEATURES; i++) {
      x[i] = random.nextGaussian();
    }
    x[0] += x0Offset;
    x[3] *= x3Scale;
    return x;
  }

  /** Draws the target for features {@code x}. */
  double target(double[] x, Random random) {
    double y = INTERCEPT;
    for (int i = 0; i < INFORMATIVE; i++) {
      y += (i == 3 ? x3Weight : WEIGHTS[i]) * x[i];
    }
    return y + NOISE_SD * random.nextGaussian();
  }
}
