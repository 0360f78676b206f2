package dev.mledger.core.drift;

import java.util.Map;

/** One column of a drift report, as raw values. */
public sealed interface DriftInput permits DriftInput.Numeric, DriftInput.Categorical {
  /** The column name. */
  String column();

  /**
   * Finite numeric values (missing values already removed); the arrays are not modified.
   *
   * @param column the column name
   * @param reference reference values
   * @param current current values
   */
  record Numeric(String column, double[] reference, double[] current) implements DriftInput {}

  /**
   * Category counts (missing values already removed).
   *
   * @param column the column name
   * @param reference count per reference category
   * @param current count per current category
   */
  record Categorical(String column, Map<String, Long> reference, Map<String, Long> current)
      implements DriftInput {}
}
