package dev.mledger.core.stats;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/**
 * The alternative hypothesis of a test on a location shift {@code Δ} (for two samples {@code Δ =
 * location(a) − location(b)}), with scipy's names.
 */
public enum Alternative {
  /** {@code Δ ≠ 0}; the confidence interval is bounded on both sides. */
  TWO_SIDED("two-sided"),
  /** {@code Δ < 0}; the confidence interval is {@code (−∞, high]}. */
  LESS("less"),
  /** {@code Δ > 0}; the confidence interval is {@code [low, +∞)}. */
  GREATER("greater");

  private final String scipyName;

  Alternative(String scipyName) {
    this.scipyName = scipyName;
  }

  /**
   * The name scipy uses for this alternative: {@code two-sided}, {@code less} or {@code greater}.
   */
  public String scipyName() {
    return scipyName;
  }

  /**
   * Parses scipy's name (also accepting {@code two_sided} and any letter case).
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for any other name
   */
  public static Alternative fromName(String name) {
    if (name != null) {
      String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Alternative alternative : values()) {
        if (alternative.scipyName.equals(normalized)) {
          return alternative;
        }
      }
    }
    throw MledgerException.invalidParameter(
        "alternative must be one of 'two-sided', 'less' or 'greater', got '" + name + "'.");
  }
}
