package dev.mledger.core.drift;

/**
 * The decision for one column: which test was used, its value and threshold, and whether it signals
 * drift.
 *
 * @param test the test the decision is based on
 * @param value the value of {@link DriftTest#statistic()}
 * @param threshold the threshold the value was compared with
 * @param drifted whether the value signals drift
 * @param reason why this test was chosen (for example {@code "numeric, reference has 1000 rows or
 *     fewer"})
 */
public record DriftVerdict(
    DriftTest test, double value, double threshold, boolean drifted, String reason) {

  static DriftVerdict of(DriftTest test, double value, double threshold, String reason) {
    return new DriftVerdict(test, value, threshold, test.drifted(value, threshold), reason);
  }
}
