package dev.mledger.core.stats;

import dev.mledger.core.error.MledgerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adjusts a family of p-values for multiple comparisons, reproducing {@code
 * statsmodels.stats.multitest.multipletests(p, alpha, method)} value for value: adjusted p-values
 * are monotone in the sorted order and capped at 1, reject flags follow statsmodels' comparisons,
 * and both are returned in input order. See {@link AdjustmentMethod} for the definitions.
 */
public final class MultipleTestCorrection {
  /** The family-wise error rate or false discovery rate used when none is given. */
  public static final double DEFAULT_ALPHA = 0.05;

  private MultipleTestCorrection() {}

  /** Corrects at {@link #DEFAULT_ALPHA}. */
  public static MultipleTestResult adjust(double[] pValues, AdjustmentMethod method) {
    return adjust(pValues, method, DEFAULT_ALPHA);
  }

  /**
   * Corrects {@code pValues} with {@code method} at level {@code alpha}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for no p-values, a p-value outside {@code [0,
   *     1]} or NaN, or an alpha outside {@code (0, 1)}
   */
  public static MultipleTestResult adjust(double[] pValues, AdjustmentMethod method, double alpha) {
    StatsArguments.requireNonNull("method", method);
    StatsArguments.requireAlpha(alpha);
    requireProbabilities(pValues);

    int m = pValues.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    // Ties may be ordered either way: every rule below gives tied p-values the same outcome.
    Arrays.sort(order, (i, j) -> Double.compare(pValues[i], pValues[j]));
    double[] sorted = new double[m];
    for (int i = 0; i < m; i++) {
      sorted[i] = pValues[order[i]];
    }

    double[] adjustedSorted = new double[m];
    boolean[] rejectSorted = new boolean[m];
    switch (method) {
      case BONFERRONI -> bonferroni(sorted, alpha, adjustedSorted, rejectSorted);
      case HOLM -> holm(sorted, alpha, adjustedSorted, rejectSorted);
      case BENJAMINI_HOCHBERG -> benjaminiHochberg(sorted, alpha, adjustedSorted, rejectSorted);
    }

    AdjustedPValue[] inInputOrder = new AdjustedPValue[m];
    for (int rank = 0; rank < m; rank++) {
      int index = order[rank];
      inInputOrder[index] =
          new AdjustedPValue(
              pValues[index], Math.min(1.0, adjustedSorted[rank]), rejectSorted[rank]);
    }
    return new MultipleTestResult(method, alpha, new ArrayList<>(List.of(inInputOrder)));
  }

  private static void bonferroni(double[] p, double alpha, double[] adjusted, boolean[] reject) {
    int m = p.length;
    double threshold = alpha / m;
    for (int i = 0; i < m; i++) {
      reject[i] = p[i] <= threshold;
      adjusted[i] = p[i] * m;
    }
  }

  private static void holm(double[] p, double alpha, double[] adjusted, boolean[] reject) {
    int m = p.length;
    boolean stillRejecting = true;
    double runningMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      int remaining = m - i;
      stillRejecting = stillRejecting && !(p[i] > alpha / remaining);
      reject[i] = stillRejecting;
      runningMax = Math.max(runningMax, p[i] * remaining);
      adjusted[i] = runningMax;
    }
  }

  private static void benjaminiHochberg(
      double[] p, double alpha, double[] adjusted, boolean[] reject) {
    int m = p.length;
    int lastRejected = -1;
    for (int i = 0; i < m; i++) {
      double ecdf = (i + 1) / (double) m;
      if (p[i] <= ecdf * alpha) {
        lastRejected = i;
      }
    }
    for (int i = 0; i < m; i++) {
      reject[i] = i <= lastRejected;
    }
    double runningMin = Double.POSITIVE_INFINITY;
    for (int i = m - 1; i >= 0; i--) {
      double ecdf = (i + 1) / (double) m;
      runningMin = Math.min(runningMin, p[i] / ecdf);
      adjusted[i] = runningMin;
    }
  }

  private static void requireProbabilities(double[] pValues) {
    if (pValues == null || pValues.length == 0) {
      throw MledgerException.invalidParameter("At least one p-value is needed for a correction.");
    }
    for (int i = 0; i < pValues.length; i++) {
      double p = pValues[i];
      if (!(p >= 0.0 && p <= 1.0)) {
        throw MledgerException.invalidParameter(
            "p-values must lie between 0 and 1, but p-value #" + (i + 1) + " is " + p + ".");
      }
    }
  }
}
