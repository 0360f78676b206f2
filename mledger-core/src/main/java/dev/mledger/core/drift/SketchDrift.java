package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;
import java.util.Arrays;
import java.util.TreeSet;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Drift between two profiles (mergeable sketches) instead of two full samples, so a reference can
 * be profiled once and windows of a stream compared with it.
 *
 * <p>Every statistic is computed from the sketches' empirical CDFs, evaluated at the union of the
 * values the two sketches retain: while both sketches are exact (fewer values than about {@code k})
 * KS, Wasserstein and per-value counts equal the full-sample results. In estimation mode each CDF
 * value is off by at most the profile's {@link NumericProfile#rankError()} (99% confidence per
 * query), so the KS statistic is within {@code ε_ref + ε_cur} of the exact one, bin proportions
 * within {@code 2ε} and the Wasserstein distance within {@code (ε_ref + ε_cur) × (max − min)}. Bin
 * edges are the reference sketch's quantiles (its own interpolation, not numpy's). Results are
 * flagged {@code approximate} unless both sketches are exact.
 */
public final class SketchDrift {
  private static final QuantileSearchCriteria INCLUSIVE = QuantileSearchCriteria.INCLUSIVE;

  private SketchDrift() {}

  /** Numeric drift between two profiles. */
  public static NumericDrift numeric(
      String column, NumericProfile reference, NumericProfile current, DriftSettings settings) {
    if (reference.isEmpty() || current.isEmpty()) {
      throw MledgerException.invalidParameter(
          "column '"
              + column
              + "' has no "
              + (reference.isEmpty() ? "reference" : "current")
              + " values to compare");
    }
    KllDoublesSketch ref = reference.sketch();
    KllDoublesSketch cur = current.sketch();
    double[] points = unionOfRetainedItems(ref, cur);
    double[] refCdf = ref.getRanks(points, INCLUSIVE);
    double[] curCdf = cur.getRanks(points, INCLUSIVE);

    double d = 0;
    CompensatedSum wasserstein = new CompensatedSum();
    for (int i = 0; i < points.length; i++) {
      double gap = Math.abs(refCdf[i] - curCdf[i]);
      d = Math.max(d, gap);
      if (i + 1 < points.length) {
        wasserstein.add(gap * (points[i + 1] - points[i]));
      }
    }
    KsResult ks =
        KolmogorovSmirnovTest.fromStatistic(
            d, reference.count(), current.count(), settings.ksMethod());

    QuantileBins bins = binsOf(ref, settings.bins());
    BinnedDivergences divergences =
        BinnedDivergences.of(
            binCounts(ref, bins, reference.count()), binCounts(cur, bins, current.count()));

    int distinct = points.length;
    long[] refValueCounts = null;
    long[] curValueCounts = null;
    if (distinct <= TestSelection.LOW_CARDINALITY) {
      refValueCounts = valueCounts(refCdf, reference.count());
      curValueCounts = valueCounts(curCdf, current.count());
    }
    return DriftAnalysis.assembleNumeric(
        column,
        reference.summary(),
        current.summary(),
        bins,
        divergences,
        wasserstein.value(),
        ks,
        Math.min(distinct, TestSelection.LOW_CARDINALITY + 1),
        refValueCounts,
        curValueCounts,
        !(reference.isExact() && current.isExact()),
        settings);
  }

  /** Categorical drift between two profiles. */
  public static CategoricalDrift categorical(
      String column,
      CategoricalProfile reference,
      CategoricalProfile current,
      DriftSettings settings) {
    return DriftAnalysis.categorical(
        column,
        reference.counts(),
        current.counts(),
        settings,
        !(reference.isExact() && current.isExact()));
  }

  private static double[] unionOfRetainedItems(KllDoublesSketch a, KllDoublesSketch b) {
    TreeSet<Double> items = new TreeSet<>();
    for (double v : a.getSortedView().getQuantiles()) {
      items.add(v);
    }
    for (double v : b.getSortedView().getQuantiles()) {
      items.add(v);
    }
    return items.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static QuantileBins binsOf(KllDoublesSketch ref, int bins) {
    double[] inner = new double[bins - 1];
    int count = 0;
    for (int k = 1; k < bins; k++) {
      double q = ref.getQuantile((double) k / bins, INCLUSIVE);
      if (count == 0 || q > inner[count - 1]) {
        inner[count++] = q;
      }
    }
    return new QuantileBins(Arrays.copyOf(inner, count));
  }

  /** Right-closed bin counts from the sketch CDF at the edges. */
  private static long[] binCounts(KllDoublesSketch sketch, QuantileBins bins, long n) {
    double[] edges = bins.edges();
    long[] counts = new long[edges.length + 1];
    long previous = 0;
    for (int i = 0; i < edges.length; i++) {
      long cumulative = Math.round(sketch.getRank(edges[i], INCLUSIVE) * n);
      counts[i] = Math.max(0, cumulative - previous);
      previous = Math.max(previous, cumulative);
    }
    counts[edges.length] = Math.max(0, n - previous);
    return counts;
  }

  private static long[] valueCounts(double[] cdf, long n) {
    long[] counts = new long[cdf.length];
    long previous = 0;
    for (int i = 0; i < cdf.length; i++) {
      long cumulative = Math.round(cdf[i] * n);
      counts[i] = Math.max(0, cumulative - previous);
      previous = Math.max(previous, cumulative);
    }
    return counts;
  }
}
