package dev.mledger.core.drift;

import java.util.List;

/**
 * A drift report over several columns.
 *
 * @param columns per-column results, in input order
 * @param settings the settings used
 * @param driftedColumns how many columns drifted
 * @param datasetDrift whether at least half of the columns drifted (Evidently's dataset-drift rule)
 */
public record DriftReport(
    List<ColumnDrift> columns, DriftSettings settings, int driftedColumns, boolean datasetDrift) {

  /** The share of drifted columns at which the whole dataset counts as drifted. */
  public static final double DATASET_DRIFT_SHARE = 0.5;

  public DriftReport {
    columns = List.copyOf(columns);
  }

  static DriftReport of(List<ColumnDrift> columns, DriftSettings settings) {
    int drifted = (int) columns.stream().filter(c -> c.verdict().drifted()).count();
    boolean dataset = !columns.isEmpty() && drifted >= DATASET_DRIFT_SHARE * columns.size();
    return new DriftReport(columns, settings, drifted, dataset);
  }

  /** The share of drifted columns. */
  public double driftShare() {
    return columns.isEmpty() ? 0.0 : (double) driftedColumns / columns.size();
  }
}
