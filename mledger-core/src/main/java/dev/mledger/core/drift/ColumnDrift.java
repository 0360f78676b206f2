package dev.mledger.core.drift;

/** The drift of one column between a reference and a current sample. */
public sealed interface ColumnDrift permits NumericDrift, CategoricalDrift {
  /** The column name. */
  String column();

  /** Numeric or categorical. */
  ColumnKind kind();

  /** Values compared from the reference (missing values excluded). */
  long referenceCount();

  /** Values compared from the current sample (missing values excluded). */
  long currentCount();

  /** PSI, KL and JS over the bins or categories. */
  BinnedDivergences divergences();

  /** The default (or forced) test and its decision. */
  DriftVerdict verdict();
}
