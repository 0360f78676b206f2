package dev.mledger.core.analysis;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** Whether a larger ({@link #MAX}) or a smaller ({@link #MIN}) metric value is better. */
public enum Direction {
  /** Larger is better (accuracy, R², AUC). The default: it is never inferred from the name. */
  MAX,
  /** Smaller is better (loss, error, latency). */
  MIN;

  /** {@code max} or {@code min}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code candidate} is strictly better than {@code incumbent}. */
  public boolean isBetter(double candidate, double incumbent) {
    return this == MAX ? candidate > incumbent : candidate < incumbent;
  }

  /**
   * Parses {@code max} or {@code min} (any letter case).
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for any other name
   */
  public static Direction fromName(String name) {
    if (name != null) {
      String normalized = name.trim().toLowerCase(Locale.ROOT);
      for (Direction direction : values()) {
        if (direction.wireName().equals(normalized)) {
          return direction;
        }
      }
    }
    throw MledgerException.invalidParameter(
        "direction must be 'max' or 'min', got '" + name + "'.");
  }
}
