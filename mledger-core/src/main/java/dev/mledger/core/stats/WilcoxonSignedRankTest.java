package dev.mledger.core.stats;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Wilcoxon signed-rank test of the differences {@code d_i = a_i − b_i} (or given differences), as
 * {@code scipy.stats.wilcoxon(a, b, zero_method='wilcox', correction=…, alternative=…, method=…)}
 * in scipy ≥ 1.15. Zero differences are dropped before ranking; tied magnitudes get average ranks.
 * See {@link WilcoxonMethod} for how the p-value is computed.
 *
 * <p>Degenerate input: when every difference is zero the permutation method reports p = 1 and the
 * normal approximation reports p = NaN (σ = 0), exactly as scipy does for the corresponding sizes.
 */
public final class WilcoxonSignedRankTest {
  /** scipy's {@code method='auto'} uses the exact distribution up to this many differences. */
  static final int EXACT_MAX_SIZE = 50;

  /** scipy's {@code method='auto'} enumerates all sign flips ({@code 2^13 ≤ 9999}) up to this. */
  static final int PERMUTATION_MAX_SIZE = 13;

  /** Bound on requested exact/permutation work, whose cost grows as {@code n³}. */
  static final int EXPLICIT_METHOD_MAX_SIZE = 1000;

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

  private WilcoxonSignedRankTest() {}

  /** Two-sided test with scipy's defaults. */
  public static WilcoxonResult test(double[] a, double[] b) {
    return test(a, b, WilcoxonOptions.defaults());
  }

  /**
   * Tests whether the differences {@code a − b} are symmetric about zero.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for empty input, different lengths or a
   *     NaN/infinite value
   */
  public static WilcoxonResult test(double[] a, double[] b, WilcoxonOptions options) {
    StatsArguments.requireFinite("a", a, 1);
    StatsArguments.requireFinite("b", b, 1);
    StatsArguments.requireSameLength("a", a, "b", b);
    return testDifferences(PairedTTest.differences(a, b), options);
  }

  /**
   * Tests already computed paired differences; see {@link #test(double[], double[],
   * WilcoxonOptions)}.
   */
  public static WilcoxonResult testDifferences(double[] differences, WilcoxonOptions options) {
    StatsArguments.requireNonNull("options", options);
    StatsArguments.requireFinite("differences", differences, 1);
    SignedRanks ranks = SignedRanks.of(differences);
    WilcoxonMethod method = resolve(options.method(), differences.length, ranks);
    Alternative alternative = options.alternative();

    double pValue;
    double z = Double.NaN;
    switch (method) {
      case EXACT -> pValue = exactPValue(ranks, alternative);
      case PERMUTATION -> pValue = permutationPValue(ranks, alternative);
      default -> {
        z = normalDeviate(ranks, alternative, options.continuityCorrection());
        pValue = normalPValue(z, alternative);
        if (alternative == Alternative.TWO_SIDED) {
          z = -Math.abs(z);
        }
      }
    }
    double statistic =
        alternative == Alternative.TWO_SIDED
            ? Math.min(ranks.rankSumPositive(), ranks.rankSumNegative())
            : ranks.rankSumPositive();
    return new WilcoxonResult(
        statistic, pValue, z, method, alternative, ranks.count(), ranks.zeroCount(), ranks.tied());
  }

  private static WilcoxonMethod resolve(WilcoxonMethod requested, int size, SignedRanks ranks) {
    if (requested == WilcoxonMethod.AUTO) {
      if (size > EXACT_MAX_SIZE) {
        return WilcoxonMethod.NORMAL_APPROXIMATION;
      }
      if (!ranks.tied() && ranks.zeroCount() == 0) {
        return WilcoxonMethod.EXACT;
      }
      return size <= PERMUTATION_MAX_SIZE
          ? WilcoxonMethod.PERMUTATION
          : WilcoxonMethod.NORMAL_APPROXIMATION;
    }
    if (requested != WilcoxonMethod.NORMAL_APPROXIMATION
        && ranks.count() > EXPLICIT_METHOD_MAX_SIZE) {
      throw MledgerException.invalidParameter(
          "The "
              + requested.name().toLowerCase(Locale.ROOT)
              + " Wilcoxon method supports at most "
              + EXPLICIT_METHOD_MAX_SIZE
              + " non-zero differences, got "
              + ranks.count()
              + "; use the automatic method or the normal approximation.");
    }
    return requested;
  }

  private static double normalDeviate(
      SignedRanks ranks, Alternative alternative, boolean continuityCorrection) {
    double count = ranks.count();
    double mean = count * (count + 1.0) * 0.25;
    double variance = count * (count + 1.0) * (2.0 * count + 1.0);
    double sigma = Math.sqrt((variance - ranks.tieCorrection() / 2.0) / 24.0);
    double z = (ranks.rankSumPositive() - mean) / sigma;
    if (continuityCorrection) {
      double sign =
          switch (alternative) {
            case GREATER -> 1.0;
            case LESS -> -1.0;
            case TWO_SIDED -> Math.signum(z);
          };
      z -= sign * 0.5 / sigma;
    }
    return z;
  }

  private static double normalPValue(double z, Alternative alternative) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return switch (alternative) {
      case LESS -> STANDARD_NORMAL.cumulativeProbability(z);
      case GREATER -> STANDARD_NORMAL.cumulativeProbability(-z);
      case TWO_SIDED -> 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    };
  }

  private static double exactPValue(SignedRanks ranks, Alternative alternative) {
    WilcoxonDistribution distribution = new WilcoxonDistribution(ranks.count());
    double rankSum = ranks.rankSumPositive();
    return switch (alternative) {
      case LESS -> distribution.cdf((int) Math.ceil(rankSum));
      case GREATER -> distribution.sf((int) Math.floor(rankSum));
      case TWO_SIDED ->
          Math.min(
              1.0,
              2.0
                  * Math.min(
                      distribution.sf((int) Math.floor(rankSum)),
                      distribution.cdf((int) Math.ceil(rankSum))));
    };
  }

  /**
   * Counts sign assignments whose positive rank sum is at least as extreme as the observed one.
   * Ranks are multiples of ½, so sums are tallied exactly in units of ½. The comparison keeps
   * scipy's relative tolerance of {@code 100·ε·|observed|} from {@code permutation_test}.
   */
  private static double permutationPValue(SignedRanks ranks, Alternative alternative) {
    int count = ranks.count();
    int[] doubledRanks = new int[count];
    int maxSum = 0;
    for (int i = 0; i < count; i++) {
      doubledRanks[i] = (int) Math.round(2.0 * ranks.ranks()[i]);
      maxSum += doubledRanks[i];
    }
    // waysToReach[s]: sign assignments of the ranks seen so far whose doubled positive sum is s.
    double[] waysToReach = new double[maxSum + 1];
    waysToReach[0] = 1.0;
    int reach = 0;
    for (int doubledRank : doubledRanks) {
      for (int s = reach; s >= 0; s--) {
        if (waysToReach[s] != 0.0) {
          waysToReach[s + doubledRank] += waysToReach[s];
        }
      }
      reach += doubledRank;
    }
    double total = Math.pow(2.0, count);
    double observed = ranks.rankSumPositive();
    double tolerance = Math.abs(100.0 * Math.ulp(1.0) * observed);
    double atMost = 0.0;
    double atLeast = 0.0;
    for (int s = 0; s <= maxSum; s++) {
      double value = s / 2.0;
      if (value <= observed + tolerance) {
        atMost += waysToReach[s];
      }
      if (value >= observed - tolerance) {
        atLeast += waysToReach[s];
      }
    }
    double less = atMost / total;
    double greater = atLeast / total;
    return switch (alternative) {
      case LESS -> less;
      case GREATER -> greater;
      case TWO_SIDED -> Math.min(1.0, 2.0 * Math.min(less, greater));
    };
  }
}
