package dev.mledger.core.stats;

import static dev.mledger.core.stats.InvalidInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

  @Test
  void pairsBySeedAndReportsUnmatchedSeeds() {
    Map<String, Double> ridge = new LinkedHashMap<>();
    ridge.put("10", 0.84);
    ridge.put("2", 0.83);
    ridge.put("1", 0.81);
    ridge.put("3", 0.86);
    ridge.put("7", 0.99);
    Map<String, Double> linear = new HashMap<>();
    linear.put("1", 0.80);
    linear.put("2", 0.82);
    linear.put("3", 0.83);
    linear.put("10", 0.82);
    linear.put("4", 0.50);
    linear.put("baseline", 0.5);

    PairedComparison comparison = PairedComparison.of(ridge, linear);

    assertThat(comparison.pairedSeeds()).containsExactly("1", "2", "3", "10");
    assertThat(comparison.seedsOnlyInA()).containsExactly("7");
    assertThat(comparison.seedsOnlyInB()).containsExactly("4", "baseline");

    double[] a = {0.81, 0.83, 0.86, 0.84};
    double[] b = {0.80, 0.82, 0.83, 0.82};
    assertThat(comparison.pairedT()).isEqualTo(PairedTTest.test(a, b));
    assertThat(comparison.wilcoxon()).isEqualTo(WilcoxonSignedRankTest.test(a, b));
    assertThat(comparison.a()).isEqualTo(RunGroupStatistics.of(a, 0.95));
    assertThat(comparison.b()).isEqualTo(RunGroupStatistics.of(b, 0.95));
    assertThat(comparison.meanDelta()).isEqualTo(comparison.pairedT().meanDelta());
    assertThat(comparison.deltaInterval()).isEqualTo(comparison.pairedT().interval());
    assertThat(comparison.meanDelta()).isPositive();
  }

  @Test
  void oneSidedComparisonUsesTheAlternativeForBothTests() {
    Map<String, Double> a = Map.of("1", 0.81, "2", 0.83, "3", 0.86, "4", 0.84);
    Map<String, Double> b = Map.of("1", 0.80, "2", 0.82, "3", 0.83, "4", 0.82);
    PairedComparison comparison = PairedComparison.of(a, b, Alternative.GREATER, 0.9);
    assertThat(comparison.pairedT().alternative()).isEqualTo(Alternative.GREATER);
    assertThat(comparison.wilcoxon().alternative()).isEqualTo(Alternative.GREATER);
    assertThat(comparison.deltaInterval().high()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(comparison.deltaInterval().confidence()).isEqualTo(0.9);
  }

  @Test
  void seedOrderIsNumericThenTextual() {
    assertThat(
            List.of("b", "10", "2", "a", "-1", "02").stream()
                .sorted(PairedComparison.SEED_ORDER)
                .toList())
        .containsExactly("-1", "02", "2", "10", "a", "b");
  }

  @Test
  void rejectsTooFewSharedSeedsListingWhatWasFound() {
    assertRejected(
        () -> PairedComparison.of(Map.of("1", 0.8, "2", 0.7), Map.of("2", 0.6, "3", 0.5)),
        "at least 2 seeds present in both configurations, found 1 [2]; seeds only in a: [1],"
            + " only in b: [3]");
  }

  @Test
  void rejectsMissingOrNonFiniteValuesNamingTheSeed() {
    Map<String, Double> withNull = new HashMap<>();
    withNull.put("1", 0.8);
    withNull.put("2", null);
    assertRejected(
        () -> PairedComparison.of(withNull, Map.of("1", 0.7, "2", 0.6)),
        "Configuration a has no finite metric value for seed '2' (got null)");
    assertRejected(
        () -> PairedComparison.of(Map.of("1", 0.7, "2", 0.6), Map.of("1", 0.7, "2", Double.NaN)),
        "Configuration b has no finite metric value for seed '2' (got NaN)");
    assertRejected(() -> PairedComparison.of(null, Map.of("1", 0.7)), "Values of configuration a");
    assertRejected(
        () ->
            PairedComparison.of(
                Map.of("1", 0.7, "2", 0.6), Map.of("1", 0.7, "2", 0.5), Alternative.LESS, 2.0),
        "confidence must be");
  }
}
