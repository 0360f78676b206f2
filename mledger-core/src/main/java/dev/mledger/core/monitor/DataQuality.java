package dev.mledger.core.monitor;

/**
 * Data-quality counts of one column in a window.
 *
 * @param rows rows in the window
 * @param nulls missing values
 * @param outOfRange numeric values outside the reference's [min, max]
 * @param unseen categorical values whose category the reference never saw
 */
public record DataQuality(long rows, long nulls, long outOfRange, long unseen) {

  /** Missing values as a share of rows (0 for an empty window). */
  public double nullRate() {
    return rows == 0 ? 0 : (double) nulls / rows;
  }

  /** Out-of-range values as a share of rows. */
  public double outOfRangeRate() {
    return rows == 0 ? 0 : (double) outOfRange / rows;
  }

  /** Unseen categories as a share of rows. */
  public double unseenRate() {
    return rows == 0 ? 0 : (double) unseen / rows;
  }
}
