package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** Which way a metric improves. */
public enum Direction {
  /** Larger values are better (accuracy, R², AUC). */
  HIGHER_IS_BETTER("higher"),
  /** Smaller values are better (loss, RMSE, latency). */
  LOWER_IS_BETTER("lower");

  private final String specName;

  Direction(String specName) {
    this.specName = specName;
  }

  /** The name used in gate files: {@code higher} or {@code lower}. */
  public String specName() {
    return specName;
  }

  /**
   * How much better {@code value} is than {@code reference}: positive when it improves on it,
   * negative when it regresses.
   */
  public double improvement(double value, double reference) {
    return this == HIGHER_IS_BETTER ? value - reference : reference - value;
  }

  /** Whether {@code value} is at least as good as {@code bound}. */
  public boolean meets(double value, double bound) {
    return this == HIGHER_IS_BETTER ? value >= bound : value <= bound;
  }

  /** The comparison {@link #meets} applies, for messages: {@code >=} or {@code <=}. */
  public String operator() {
    return this == HIGHER_IS_BETTER ? ">=" : "<=";
  }

  /**
   * Parses {@code higher}/{@code lower} (also {@code higher_is_better}, {@code maximize}, {@code
   * max}, and their opposites), in any letter case.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for any other name
   */
  public static Direction fromName(String name) {
    String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (normalized) {
      case "higher", "higher_is_better", "maximize", "max" -> HIGHER_IS_BETTER;
      case "lower", "lower_is_better", "minimize", "min" -> LOWER_IS_BETTER;
      default ->
          throw MledgerException.invalidParameter(
              "direction must be 'higher' or 'lower', got '" + name + "'.");
    };
  }
}
