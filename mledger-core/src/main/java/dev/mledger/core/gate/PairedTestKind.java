package dev.mledger.core.gate;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** A paired test a {@link Significance} rule can require. */
public enum PairedTestKind {
  /** Paired Student t-test on the per-seed improvements. */
  PAIRED_T("paired_t"),
  /** Wilcoxon signed-rank test on the per-seed improvements. */
  WILCOXON("wilcoxon");

  private final String specName;

  PairedTestKind(String specName) {
    this.specName = specName;
  }

  /** The name used in gate files and decision evidence. */
  public String specName() {
    return specName;
  }

  /**
   * Parses {@code paired_t} (or {@code t}, {@code ttest}) and {@code wilcoxon}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for any other name
   */
  public static PairedTestKind fromName(String name) {
    String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (normalized) {
      case "paired_t", "t", "ttest", "t_test", "ttest_rel" -> PAIRED_T;
      case "wilcoxon", "signed_rank" -> WILCOXON;
      default ->
          throw MledgerException.invalidParameter(
              "test must be 'paired_t' or 'wilcoxon', got '" + name + "'.");
    };
  }
}
