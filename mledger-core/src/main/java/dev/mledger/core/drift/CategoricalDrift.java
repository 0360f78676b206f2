package dev.mledger.core.drift;

import java.util.List;

/**
 * Drift of a categorical column.
 *
 * @param column the column name
 * @param referenceCount non-missing reference values
 * @param currentCount non-missing current values
 * @param categories distinct categories in both samples together
 * @param divergences PSI, KL and JS over the categories
 * @param chiSquare Pearson's chi-square homogeneity test (no Yates correction)
 * @param gTest the G-test (log-likelihood ratio)
 * @param unseenCategories categories of the current sample absent from the reference (at most 20,
 *     most frequent first), a data-quality signal
 * @param unseenCategoryCount how many such categories there are in total
 * @param approximate whether counts come from frequent-items sketches rather than exact counts
 * @param verdict the test used and its decision
 */
public record CategoricalDrift(
    String column,
    long referenceCount,
    long currentCount,
    int categories,
    BinnedDivergences divergences,
    ContingencyResult chiSquare,
    ContingencyResult gTest,
    List<String> unseenCategories,
    int unseenCategoryCount,
    boolean approximate,
    DriftVerdict verdict)
    implements ColumnDrift {

  public CategoricalDrift {
    unseenCategories = List.copyOf(unseenCategories);
  }

  @Override
  public ColumnKind kind() {
    return ColumnKind.CATEGORICAL;
  }
}
