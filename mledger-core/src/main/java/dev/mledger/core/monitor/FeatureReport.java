package dev.mledger.core.monitor;

import dev.mledger.core.drift.ColumnDrift;

/**
 * One column of a window report.
 *
 * @param feature the column name ({@link ReferenceProfile#PREDICTION} for predictions)
 * @param drift the drift against the reference, or {@code null} when the window has no values of it
 * @param quality nulls, out-of-range values and unseen categories
 */
public record FeatureReport(String feature, ColumnDrift drift, DataQuality quality) {

  /** Whether the column's drift test signals drift. */
  public boolean drifted() {
    return drift != null && drift.verdict().drifted();
  }
}
