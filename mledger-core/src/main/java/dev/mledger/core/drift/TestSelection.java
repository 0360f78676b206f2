package dev.mledger.core.drift;

import java.util.Optional;

/**
 * The default choice of drift test per column, following Evidently's data-drift rules (the common
 * practice of mature tools): hypothesis tests while samples are small, distances once they are
 * large (where every p-value is tiny and flags irrelevant shifts).
 *
 * <ul>
 *   <li>numeric, reference &le; 1000 rows: KS (p &lt; 0.05); with at most 5 distinct values:
 *       chi-square (p &lt; 0.05)
 *   <li>numeric, reference &gt; 1000 rows: normalised Wasserstein (&ge; 0.1); with at most 5
 *       distinct values: Jensen-Shannon divergence (&ge; 0.01 nats)
 *   <li>categorical, reference &le; 1000 rows: chi-square (p &lt; 0.05)
 *   <li>categorical, reference &gt; 1000 rows: Jensen-Shannon divergence (&ge; 0.01 nats)
 * </ul>
 *
 * A forced test replaces the choice where it applies; KS and Wasserstein do not apply to
 * categorical columns, chi-square and G-test not to numeric columns with many distinct values, and
 * those columns keep the default.
 */
public final class TestSelection {
  /** Reference sizes up to this use hypothesis tests. */
  public static final int SMALL_SAMPLE = 1000;

  /** Numeric columns with at most this many distinct values are compared as categories. */
  public static final int LOW_CARDINALITY = 5;

  private TestSelection() {}

  /** The chosen test and a one-line reason. */
  public record Choice(DriftTest test, String reason) {}

  /** Chooses the test of one column. */
  public static Choice choose(
      ColumnKind kind, long referenceCount, int distinctValues, Optional<DriftTest> forced) {
    Choice byDefault = byDefault(kind, referenceCount, distinctValues);
    if (forced.isEmpty()) {
      return byDefault;
    }
    DriftTest test = forced.get();
    boolean lowCardinality = kind == ColumnKind.CATEGORICAL || distinctValues <= LOW_CARDINALITY;
    boolean applies =
        switch (test) {
          case KS, WASSERSTEIN -> kind == ColumnKind.NUMERIC;
          case CHI2, G_TEST -> lowCardinality;
          case JENSEN_SHANNON, PSI, KL -> true;
          case MMD -> false;
        };
    if (applies) {
      return new Choice(test, "requested");
    }
    return new Choice(
        byDefault.test(),
        test.jsonName() + " does not apply to this column; " + byDefault.reason());
  }

  private static Choice byDefault(ColumnKind kind, long referenceCount, int distinctValues) {
    boolean small = referenceCount <= SMALL_SAMPLE;
    String size =
        small ? "reference has " + SMALL_SAMPLE + " rows or fewer" : "reference has over 1000 rows";
    if (kind == ColumnKind.CATEGORICAL) {
      return small
          ? new Choice(DriftTest.CHI2, "categorical, " + size)
          : new Choice(DriftTest.JENSEN_SHANNON, "categorical, " + size);
    }
    if (distinctValues <= LOW_CARDINALITY) {
      String what = "numeric with at most " + LOW_CARDINALITY + " distinct values, " + size;
      return small ? new Choice(DriftTest.CHI2, what) : new Choice(DriftTest.JENSEN_SHANNON, what);
    }
    return small
        ? new Choice(DriftTest.KS, "numeric, " + size)
        : new Choice(DriftTest.WASSERSTEIN, "numeric, " + size);
  }
}
