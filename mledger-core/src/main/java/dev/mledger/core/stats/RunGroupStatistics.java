package dev.mledger.core.stats;

import java.util.Collection;

/**
 * A metric aggregated over a run group: runs that share a configuration and differ only by seed.
 * With {@code n} per-run values: mean {@code m̄}, sample standard deviation {@code s} ({@code n −
 * 1}), standard error {@code SE = s / sqrt(n)}, and the Student-t interval {@code m̄ ± t(1 − (1 −
 * c)/2, n − 1)·SE}. A group whose runs all report the same value has {@code s = SE = 0} and the
 * interval {@code [m̄, m̄]}.
 */
public record RunGroupStatistics(
    int n,
    double mean,
    double standardDeviation,
    double standardError,
    ConfidenceInterval interval) {

  /** Statistics with a 95% interval. */
  public static RunGroupStatistics of(Collection<? extends Number> values) {
    return of(values, StudentTInterval.DEFAULT_CONFIDENCE);
  }

  /** Statistics with an interval at {@code confidence}. */
  public static RunGroupStatistics of(Collection<? extends Number> values, double confidence) {
    return of(StatsArguments.toArray("run values", values), confidence);
  }

  /**
   * Statistics with an interval at {@code confidence}.
   *
   * @throws dev.mledger.core.error.MledgerException INVALID_PARAMETER_VALUE for fewer than two
   *     runs, a NaN/infinite value, or a confidence outside {@code (0, 1)}
   */
  public static RunGroupStatistics of(double[] values, double confidence) {
    StatsArguments.requireConfidence(confidence);
    StatsArguments.requireFinite("run values", values, 2);
    SampleSummary summary = SampleSummary.of(values);
    return new RunGroupStatistics(
        summary.n(),
        summary.mean(),
        summary.standardDeviation(),
        summary.standardError(),
        StudentTInterval.forSummary(summary, confidence));
  }
}
