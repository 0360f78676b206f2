package dev.mledger.core.drift;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Computes drift reports from full samples.
 *
 * <p>A numeric column is sorted once (O(n log n)); KS, Wasserstein, the quantile bins and the
 * moments are then single linear passes over the two sorted arrays. Columns are independent and run
 * in parallel on {@link DriftSettings#parallelism()} threads, each working on primitive arrays.
 */
public final class DriftAnalysis {
  private static final int MAX_UNSEEN_LISTED = 20;

  private DriftAnalysis() {}

  /** A report over all inputs, computed in parallel across columns. */
  public static DriftReport report(List<? extends DriftInput> inputs, DriftSettings settings) {
    if (inputs.isEmpty()) {
      throw MledgerException.invalidParameter("a drift report needs at least one column");
    }
    int threads = Math.min(settings.parallelism(), inputs.size());
    if (threads == 1) {
      List<ColumnDrift> out = new ArrayList<>(inputs.size());
      for (DriftInput input : inputs) {
        out.add(column(input, settings));
      }
      return DriftReport.of(out, settings);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "mledger-drift");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<ColumnDrift>> futures = new ArrayList<>(inputs.size());
      for (DriftInput input : inputs) {
        futures.add(pool.submit(() -> column(input, settings)));
      }
      List<ColumnDrift> out = new ArrayList<>(inputs.size());
      for (Future<ColumnDrift> future : futures) {
        out.add(await(future));
      }
      return DriftReport.of(out, settings);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The drift of one column. */
  public static ColumnDrift column(DriftInput input, DriftSettings settings) {
    if (input instanceof DriftInput.Numeric n) {
      return numeric(n.column(), n.reference(), n.current(), settings);
    }
    DriftInput.Categorical c = (DriftInput.Categorical) input;
    return categorical(c.column(), c.reference(), c.current(), settings);
  }

  /** Numeric drift from unsorted finite values; the arrays are copied, not modified. */
  public static NumericDrift numeric(
      String column, double[] reference, double[] current, DriftSettings settings) {
    double[] ref = sortedFiniteCopy(column, "reference", reference);
    double[] cur = sortedFiniteCopy(column, "current", current);
    return numericSorted(column, ref, cur, settings);
  }

  /** Numeric drift from sorted, finite, non-empty arrays (not checked, not modified). */
  public static NumericDrift numericSorted(
      String column, double[] sortedReference, double[] sortedCurrent, DriftSettings settings) {
    QuantileBins bins = QuantileBins.ofSortedReference(sortedReference, settings.bins());
    double[] distinct = distinctValues(sortedReference, sortedCurrent);
    boolean lowCardinality = distinct.length <= TestSelection.LOW_CARDINALITY;
    return assembleNumeric(
        column,
        NumericSummary.ofSorted(sortedReference),
        NumericSummary.ofSorted(sortedCurrent),
        bins,
        BinnedDivergences.of(bins.countSorted(sortedReference), bins.countSorted(sortedCurrent)),
        Wasserstein.distance(sortedReference, sortedCurrent),
        KolmogorovSmirnovTest.test(sortedReference, sortedCurrent, settings.ksMethod()),
        distinct.length,
        lowCardinality ? countPerValue(sortedReference, distinct) : null,
        lowCardinality ? countPerValue(sortedCurrent, distinct) : null,
        false,
        settings);
  }

  /**
   * Builds the result and verdict of a numeric column from its statistics; shared by full-sample
   * and sketch-based reports. The per-value counts are present only for low-cardinality columns.
   */
  static NumericDrift assembleNumeric(
      String column,
      NumericSummary refSummary,
      NumericSummary curSummary,
      QuantileBins bins,
      BinnedDivergences divergences,
      double wasserstein,
      KsResult ks,
      int distinctValues,
      long[] refValueCounts,
      long[] curValueCounts,
      boolean approximate,
      DriftSettings settings) {
    double wassersteinNorm = Wasserstein.normalised(wasserstein, refSummary.std());
    ContingencyResult chiSquare =
        refValueCounts == null ? null : ContingencyTest.chiSquare(refValueCounts, curValueCounts);
    TestSelection.Choice choice =
        TestSelection.choose(
            ColumnKind.NUMERIC, refSummary.count(), distinctValues, settings.forcedTest());
    double value =
        switch (choice.test()) {
          case KS -> ks.pValue();
          case WASSERSTEIN -> wassersteinNorm;
          case JENSEN_SHANNON -> divergences.js();
          case PSI -> divergences.psi();
          case KL -> divergences.kl();
          case CHI2 -> chiSquare.pValue();
          case G_TEST -> ContingencyTest.gTest(refValueCounts, curValueCounts).pValue();
          case MMD -> throw new IllegalStateException("MMD is not a column test");
        };
    DriftVerdict verdict =
        DriftVerdict.of(choice.test(), value, settings.thresholdOf(choice.test()), choice.reason());
    return new NumericDrift(
        column,
        refSummary,
        curSummary,
        divergences,
        bins,
        wasserstein,
        wassersteinNorm,
        ks,
        distinctValues,
        chiSquare,
        approximate,
        verdict);
  }

  /** Categorical drift from category counts (zero counts are allowed and ignored). */
  public static CategoricalDrift categorical(
      String column,
      Map<String, Long> reference,
      Map<String, Long> current,
      DriftSettings settings) {
    return categorical(column, reference, current, settings, false);
  }

  static CategoricalDrift categorical(
      String column,
      Map<String, Long> reference,
      Map<String, Long> current,
      DriftSettings settings,
      boolean approximate) {
    long refTotal = total(column, "reference", reference);
    long curTotal = total(column, "current", current);
    TreeSet<String> categories = new TreeSet<>();
    reference.forEach((k, v) -> addIfPositive(categories, k, v));
    current.forEach((k, v) -> addIfPositive(categories, k, v));
    long[] ref = new long[categories.size()];
    long[] cur = new long[categories.size()];
    int i = 0;
    for (String category : categories) {
      ref[i] = reference.getOrDefault(category, 0L);
      cur[i] = current.getOrDefault(category, 0L);
      i++;
    }
    BinnedDivergences divergences = BinnedDivergences.of(ref, cur);
    ContingencyResult chiSquare = ContingencyTest.chiSquare(ref, cur);
    ContingencyResult gTest = ContingencyTest.gTest(ref, cur);
    List<Map.Entry<String, Long>> unseen = new ArrayList<>();
    for (Map.Entry<String, Long> e : current.entrySet()) {
      if (e.getValue() > 0 && reference.getOrDefault(e.getKey(), 0L) == 0) {
        unseen.add(e);
      }
    }
    unseen.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> listed = unseen.stream().limit(MAX_UNSEEN_LISTED).map(Map.Entry::getKey).toList();

    TestSelection.Choice choice =
        TestSelection.choose(
            ColumnKind.CATEGORICAL, refTotal, categories.size(), settings.forcedTest());
    double value =
        switch (choice.test()) {
          case CHI2 -> chiSquare.pValue();
          case G_TEST -> gTest.pValue();
          case JENSEN_SHANNON -> divergences.js();
          case PSI -> divergences.psi();
          case KL -> divergences.kl();
          case KS, WASSERSTEIN, MMD ->
              throw new IllegalStateException(choice.test() + " is not a categorical test");
        };
    DriftVerdict verdict =
        DriftVerdict.of(choice.test(), value, settings.thresholdOf(choice.test()), choice.reason());
    return new CategoricalDrift(
        column,
        refTotal,
        curTotal,
        categories.size(),
        divergences,
        chiSquare,
        gTest,
        listed,
        unseen.size(),
        approximate,
        verdict);
  }

  /** Category counts of string values; {@code null} entries are missing and skipped. */
  public static Map<String, Long> countCategories(String[] values) {
    Map<String, Long> counts = new HashMap<>();
    for (String value : values) {
      if (value != null) {
        counts.merge(value, 1L, Long::sum);
      }
    }
    return new LinkedHashMap<>(counts);
  }

  private static double[] sortedFiniteCopy(String column, String side, double[] values) {
    if (values.length == 0) {
      throw emptyColumn(column, side);
    }
    int invalid = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        invalid++;
      }
    }
    if (invalid > 0) {
      throw MledgerException.invalidParameter(
          "column '"
              + column
              + "' has "
              + invalid
              + " missing or non-finite "
              + side
              + " values; remove them before computing drift");
    }
    return DoubleSort.sortedCopy(values);
  }

  private static MledgerException emptyColumn(String column, String side) {
    return new MledgerException(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "column '" + column + "' has no " + side + " values to compare");
  }

  private static long total(String column, String side, Map<String, Long> counts) {
    long total = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() < 0) {
        throw MledgerException.invalidParameter(
            "column '" + column + "': negative count for category '" + e.getKey() + "'");
      }
      total += e.getValue();
    }
    if (total == 0) {
      throw emptyColumn(column, side);
    }
    return total;
  }

  private static void addIfPositive(TreeSet<String> categories, String key, Long count) {
    if (count > 0) {
      categories.add(key);
    }
  }

  /** Distinct values of two sorted arrays, stopping once there are more than the limit. */
  private static double[] distinctValues(double[] a, double[] b) {
    double[] out = new double[TestSelection.LOW_CARDINALITY + 1];
    int count = 0;
    int i = 0;
    int j = 0;
    while ((i < a.length || j < b.length) && count < out.length) {
      double x = (j >= b.length || (i < a.length && a[i] <= b[j])) ? a[i] : b[j];
      out[count++] = x;
      while (i < a.length && a[i] <= x) {
        i++;
      }
      while (j < b.length && b[j] <= x) {
        j++;
      }
    }
    return Arrays.copyOf(out, count);
  }

  private static long[] countPerValue(double[] sorted, double[] distinct) {
    long[] counts = new long[distinct.length];
    int k = 0;
    for (double v : sorted) {
      while (distinct[k] < v) {
        k++;
      }
      counts[k]++;
    }
    return counts;
  }

  private static ColumnDrift await(Future<ColumnDrift> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "drift report interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "drift report failed", e.getCause());
    }
  }
}
