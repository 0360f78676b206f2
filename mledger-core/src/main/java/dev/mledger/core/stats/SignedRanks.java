package dev.mledger.core.stats;

import java.util.Arrays;

/**
 * Average ranks of the absolute non-zero differences (zeros dropped, as {@code zero_method=
 * 'wilcox'}), the rank sums by sign, and the tie structure the normal approximation needs.
 */
record SignedRanks(
    double[] ranks,
    boolean[] positive,
    double rankSumPositive,
    double rankSumNegative,
    int zeroCount,
    boolean tied,
    double tieCorrection) {

  static SignedRanks of(double[] differences) {
    int zeroCount = 0;
    for (double d : differences) {
      if (d == 0.0) {
        zeroCount++;
      }
    }
    int count = differences.length - zeroCount;
    double[] magnitudes = new double[count];
    boolean[] positive = new boolean[count];
    int k = 0;
    for (double d : differences) {
      if (d != 0.0) {
        magnitudes[k] = Math.abs(d);
        positive[k] = d > 0;
        k++;
      }
    }
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(magnitudes[i], magnitudes[j]));

    double[] ranks = new double[count];
    boolean tied = false;
    double tieCorrection = 0.0;
    int start = 0;
    while (start < count) {
      int end = start + 1;
      while (end < count && magnitudes[order[end]] == magnitudes[order[start]]) {
        end++;
      }
      int groupSize = end - start;
      double averageRank = start + 1 + (groupSize - 1) / 2.0;
      for (int i = start; i < end; i++) {
        ranks[order[i]] = averageRank;
      }
      if (groupSize > 1) {
        tied = true;
        double t = groupSize;
        tieCorrection += t * t * t - t;
      }
      start = end;
    }

    double rankSumPositive = 0.0;
    double rankSumNegative = 0.0;
    for (int i = 0; i < count; i++) {
      if (positive[i]) {
        rankSumPositive += ranks[i];
      } else {
        rankSumNegative += ranks[i];
      }
    }
    return new SignedRanks(
        ranks, positive, rankSumPositive, rankSumNegative, zeroCount, tied, tieCorrection);
  }

  int count() {
    return ranks.length;
  }
}
