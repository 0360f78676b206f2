package dev.mledger.core.series;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Largest-Triangle-Three-Buckets down-sampling (Steinarsson, "Downsampling Time Series for Visual
 * Representation", 2013). The first and last points are always kept; the points between are split
 * into {@code threshold − 2} buckets of (almost) equal size, and from each bucket the point is kept
 * that forms the largest triangle with the point kept from the previous bucket and the average of
 * the next bucket. Peaks and troughs survive, which plain decimation would drop.
 *
 * <p>The result is a subsequence of the input: every kept point is an input point, in input order.
 */
public final class Lttb {
  /** The smallest useful threshold: the first and the last point. */
  public static final int MIN_THRESHOLD = 2;

  private Lttb() {}

  /**
   * Down-samples {@code points} to at most {@code threshold} points.
   *
   * @param points a series ordered by {@code x} (non-decreasing), with finite coordinates
   * @param threshold the number of points to keep, at least {@value #MIN_THRESHOLD}
   * @return {@code points} itself (copied) when it has no more than {@code threshold} points,
   *     otherwise exactly {@code threshold} of its points
   * @throws MledgerException INVALID_PARAMETER_VALUE for a threshold below 2, a non-finite
   *     coordinate or a decreasing {@code x}
   */
  public static List<SeriesPoint> downsample(List<SeriesPoint> points, int threshold) {
    int[] kept = selectIndices(points, threshold);
    List<SeriesPoint> result = new ArrayList<>(kept.length);
    for (int index : kept) {
      result.add(points.get(index));
    }
    return List.copyOf(result);
  }

  /**
   * The positions in {@code points} that {@link #downsample} keeps, ascending; for callers that
   * carry more than x and y per point (timestamps, interval bounds).
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE as {@link #downsample} does
   */
  public static int[] selectIndices(List<SeriesPoint> points, int threshold) {
    if (threshold < MIN_THRESHOLD) {
      throw MledgerException.invalidParameter(
          "The number of points must be at least " + MIN_THRESHOLD + ", got " + threshold + ".");
    }
    requireOrderedAndFinite(points);
    int size = points.size();
    if (size <= threshold) {
      int[] all = new int[size];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] kept = new int[threshold];
    // Bucket boundaries are computed in floating point so bucket sizes differ by at most one.
    double bucketSize = (double) (size - 2) / (threshold - 2);
    int selected = 0;
    for (int bucket = 0; bucket < threshold - 2; bucket++) {
      int start = (int) Math.floor(bucket * bucketSize) + 1;
      int end = (int) Math.floor((bucket + 1) * bucketSize) + 1;
      int nextEnd = Math.min((int) Math.floor((bucket + 2) * bucketSize) + 1, size);
      double nextX = 0;
      double nextY = 0;
      for (int i = end; i < nextEnd; i++) {
        nextX += points.get(i).x();
        nextY += points.get(i).y();
      }
      int nextCount = nextEnd - end;
      nextX /= nextCount;
      nextY /= nextCount;
      SeriesPoint anchor = points.get(selected);
      double largestArea = -1;
      int best = start;
      for (int i = start; i < end; i++) {
        SeriesPoint candidate = points.get(i);
        // Twice the triangle's area; the factor does not change which candidate wins.
        double area =
            Math.abs(
                (anchor.x() - nextX) * (candidate.y() - anchor.y())
                    - (anchor.x() - candidate.x()) * (nextY - anchor.y()));
        if (area > largestArea) {
          largestArea = area;
          best = i;
        }
      }
      kept[bucket + 1] = best;
      selected = best;
    }
    kept[threshold - 1] = size - 1;
    return kept;
  }

  private static void requireOrderedAndFinite(List<SeriesPoint> points) {
    double previousX = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < points.size(); i++) {
      SeriesPoint point = points.get(i);
      if (!Double.isFinite(point.x()) || !Double.isFinite(point.y())) {
        throw MledgerException.invalidParameter(
            "Point " + i + " of the series is not finite: (" + point.x() + ", " + point.y() + ").");
      }
      if (point.x() < previousX) {
        throw MledgerException.invalidParameter(
            "The series must be ordered by x; point "
                + i
                + " has x "
                + point.x()
                + " after x "
                + previousX
                + ".");
      }
      previousX = point.x();
    }
  }
}
