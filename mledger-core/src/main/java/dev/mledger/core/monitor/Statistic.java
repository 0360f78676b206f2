package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/**
 * A monitored quantity an alert rule puts a threshold on. Per-feature statistics yield one signal
 * per feature; window statistics one signal under the feature name {@value #WINDOW}.
 */
public enum Statistic {
  /** The drift test's p-value (KS, chi-square or G), corrected across features. Lower is worse. */
  P_VALUE(true, false),
  PSI(true, true),
  JS(true, true),
  KL(true, true),
  /** Wasserstein-1 divided by the reference standard deviation (numeric features only). */
  WASSERSTEIN_NORM(true, true),
  NULL_RATE(true, true),
  OUT_OF_RANGE_RATE(true, true),
  UNSEEN_RATE(true, true),
  /** Share of drifted features in the window. */
  DRIFT_SHARE(false, true),
  /** Accuracy of labelled categorical predictions. Lower is worse. */
  ACCURACY(false, false),
  /** Mean absolute error of labelled numeric predictions. */
  MAE(false, true),
  LATENCY_P95(false, true),
  /** Summed cost of the window's events. */
  COST(false, true),
  /** The kernel test's squared MMD between window and reference embeddings. */
  MMD(false, true),
  /** The kernel test's permutation p-value. Lower is worse. */
  MMD_P_VALUE(false, false),
  /** The Euclidean distance between the window's and the reference's mean embeddings. */
  EMBEDDING_DISTANCE(false, true);

  /** The feature name of window-level signals. */
  public static final String WINDOW = "*";

  private final boolean perFeature;
  private final boolean higherIsWorse;

  Statistic(boolean perFeature, boolean higherIsWorse) {
    this.perFeature = perFeature;
    this.higherIsWorse = higherIsWorse;
  }

  public boolean perFeature() {
    return perFeature;
  }

  public boolean higherIsWorse() {
    return higherIsWorse;
  }

  /** Whether {@code value} is at least as bad as {@code threshold}. */
  public boolean breaches(double value, double threshold) {
    return higherIsWorse ? value >= threshold : value <= threshold;
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Statistic fromName(String name) {
    for (Statistic s : values()) {
      if (s.jsonName().equals(name)) {
        return s;
      }
    }
    throw MledgerException.invalidParameter(
        "Unknown statistic '"
            + name
            + "'; use one of "
            + java.util.Arrays.stream(values()).map(Statistic::jsonName).toList()
            + ".");
  }
}
