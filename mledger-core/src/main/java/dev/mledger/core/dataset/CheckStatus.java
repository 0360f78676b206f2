package dev.mledger.core.dataset;

import java.util.Locale;

/** The outcome of one contract check, from best to worst. */
public enum CheckStatus {
  /** The check holds. */
  PASS,
  /** The check is violated but not blocking (printed, exit code 0). */
  WARN,
  /** The check is violated and blocks the dataset (exit code 1). */
  BLOCK;

  /** Lower-case name used in JSON. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of two statuses. */
  public CheckStatus worst(CheckStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
