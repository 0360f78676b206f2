package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.AdjustmentMethod;
import java.util.Locale;
import java.util.Optional;

/**
 * How a {@link Significance} rule corrects its p-values when several candidates are evaluated
 * together against one champion (the family is the candidates of one evaluation).
 */
public enum CorrectionMethod {
  /** No correction: each p-value is compared with alpha as is. */
  NONE("none", null),
  /** Holm's step-down family-wise error control. */
  HOLM("holm", AdjustmentMethod.HOLM),
  /** Benjamini–Hochberg false-discovery-rate control. */
  BENJAMINI_HOCHBERG("bh", AdjustmentMethod.BENJAMINI_HOCHBERG),
  /** Bonferroni family-wise error control. */
  BONFERRONI("bonferroni", AdjustmentMethod.BONFERRONI);

  private final String specName;
  private final AdjustmentMethod adjustment;

  CorrectionMethod(String specName, AdjustmentMethod adjustment) {
    this.specName = specName;
    this.adjustment = adjustment;
  }

  /** The name used in gate files and decision evidence. */
  public String specName() {
    return specName;
  }

  /** The statistics library's adjustment, empty for {@link #NONE}. */
  public Optional<AdjustmentMethod> adjustment() {
    return Optional.ofNullable(adjustment);
  }

  /**
   * Parses {@code none}, {@code holm}, {@code bh} (or {@code fdr_bh}, {@code benjamini_hochberg})
   * and {@code bonferroni}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for any other name
   */
  public static CorrectionMethod fromName(String name) {
    String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (normalized) {
      case "none" -> NONE;
      case "holm" -> HOLM;
      case "bh", "fdr_bh", "benjamini_hochberg" -> BENJAMINI_HOCHBERG;
      case "bonferroni" -> BONFERRONI;
      default ->
          throw MledgerException.invalidParameter(
              "correction must be one of 'none', 'holm', 'bh', 'bonferroni', got '" + name + "'.");
    };
  }
}
