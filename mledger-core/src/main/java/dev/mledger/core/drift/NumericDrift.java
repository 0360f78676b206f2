package dev.mledger.core.drift;

/**
 * Drift of a numeric column.
 *
 * @param column the column name
 * @param reference moments of the reference sample
 * @param current moments of the current sample
 * @param divergences PSI, KL and JS over the reference-quantile bins
 * @param binEdges the inner bin edges (reference quantiles)
 * @param wasserstein the Wasserstein-1 distance
 * @param wassersteinNorm the distance divided by the reference standard deviation (floor 0.001)
 * @param ks the two-sample Kolmogorov-Smirnov test
 * @param distinctValues distinct values of both samples together, counted up to {@link
 *     TestSelection#LOW_CARDINALITY} + 1
 * @param chiSquare the chi-square test over the distinct values when there are at most {@link
 *     TestSelection#LOW_CARDINALITY} of them, otherwise {@code null}
 * @param approximate whether the values come from sketches rather than the full samples
 * @param verdict the test used and its decision
 */
public record NumericDrift(
    String column,
    NumericSummary reference,
    NumericSummary current,
    BinnedDivergences divergences,
    QuantileBins binEdges,
    double wasserstein,
    double wassersteinNorm,
    KsResult ks,
    int distinctValues,
    ContingencyResult chiSquare,
    boolean approximate,
    DriftVerdict verdict)
    implements ColumnDrift {

  @Override
  public ColumnKind kind() {
    return ColumnKind.NUMERIC;
  }

  @Override
  public long referenceCount() {
    return reference.count();
  }

  @Override
  public long currentCount() {
    return current.count();
  }
}
