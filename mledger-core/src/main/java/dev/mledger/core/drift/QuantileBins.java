package dev.mledger.core.drift;

import java.util.Arrays;

/**
 * Bins for the binned divergences (PSI, KL, JS) of a numeric column, cut at the reference's
 * quantiles.
 *
 * <p>Rule: {@code k} bins (default 10) with inner edges at the reference quantiles {@code 1/k ..
 * (k-1)/k} ({@code numpy.quantile}, linear interpolation), duplicate edges dropped (heavily tied
 * data gets fewer bins), outer bins open to -inf and +inf so every current value lands in a bin.
 * Bins are closed on the right: bin {@code i} holds {@code edges[i-1] < x <= edges[i]}, i.e. the
 * index is {@code numpy.searchsorted(edges, x, side="left")}.
 *
 * @param edges the strictly increasing inner edges; {@code edges.length + 1} bins
 */
public record QuantileBins(double[] edges) {
  /** The default number of bins, as Evidently and most PSI practice use. */
  public static final int DEFAULT_BINS = 10;

  public QuantileBins {
    edges = edges.clone();
  }

  /** Bins at the quantiles of a sorted, non-empty reference. */
  public static QuantileBins ofSortedReference(double[] sortedReference, int bins) {
    if (bins < 2) {
      throw dev.mledger.core.error.MledgerException.invalidParameter(
          "drift needs at least 2 bins, got " + bins);
    }
    double[] inner = new double[bins - 1];
    int count = 0;
    for (int k = 1; k < bins; k++) {
      double q = quantile(sortedReference, (double) k / bins);
      if (count == 0 || q > inner[count - 1]) {
        inner[count++] = q;
      }
    }
    return new QuantileBins(Arrays.copyOf(inner, count));
  }

  /** {@code numpy.quantile(sorted, q)} with the default linear method. */
  public static double quantile(double[] sorted, double q) {
    int n = sorted.length;
    double virtualIndex = (n - 1) * q;
    int lower = (int) Math.floor(virtualIndex);
    if (lower >= n - 1) {
      return sorted[n - 1];
    }
    double fraction = virtualIndex - lower;
    double a = sorted[lower];
    double b = sorted[lower + 1];
    // numpy's _lerp: the form that is exact at both ends and monotone.
    double diff = b - a;
    return fraction >= 0.5 ? b - diff * (1 - fraction) : a + diff * fraction;
  }

  /** The number of bins. */
  public int size() {
    return edges.length + 1;
  }

  /** Counts per bin of a sorted sample, in one pass. */
  public long[] countSorted(double[] sorted) {
    long[] counts = new long[size()];
    int bin = 0;
    for (double x : sorted) {
      while (bin < edges.length && x > edges[bin]) {
        bin++;
      }
      counts[bin]++;
    }
    return counts;
  }

  /** The bin of one value. */
  public int binOf(double x) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public double[] edges() {
    return edges.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileBins other && Arrays.equals(edges, other.edges);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(edges);
  }

  @Override
  public String toString() {
    return "QuantileBins" + Arrays.toString(edges);
  }
}
