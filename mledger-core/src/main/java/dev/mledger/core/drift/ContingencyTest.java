package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;
import org.hipparchus.special.Gamma;

/**
 * Homogeneity tests for categorical drift on the 2 x k table (reference row, current row) of
 * category counts, equal to {@code scipy.stats.chi2_contingency(table, correction=False)} and to
 * {@code chi2_contingency(table, correction=False, lambda_="log-likelihood")} (the G-test).
 *
 * <p>Yates' continuity correction is never applied, also not for two categories (scipy applies it
 * by default when the table has one degree of freedom): with it the statistic would jump between 2
 * and 3 categories, and drift reports compare statistics across columns. Without it the 2 x 2
 * chi-square equals the square of the pooled two-proportion z-test, which is what Evidently uses
 * for binary columns.
 */
public final class ContingencyTest {
  private ContingencyTest() {}

  /** Pearson's chi-square test of homogeneity. */
  public static ContingencyResult chiSquare(long[] reference, long[] current) {
    return test(reference, current, false);
  }

  /** The G-test (log-likelihood ratio) of homogeneity. */
  public static ContingencyResult gTest(long[] reference, long[] current) {
    return test(reference, current, true);
  }

  private static ContingencyResult test(long[] reference, long[] current, boolean logLikelihood) {
    if (reference.length != current.length) {
      throw MledgerException.invalidParameter("reference and current need the same categories");
    }
    double refTotal = 0;
    double curTotal = 0;
    for (int i = 0; i < reference.length; i++) {
      refTotal += reference[i];
      curTotal += current[i];
    }
    if (refTotal == 0 || curTotal == 0) {
      throw MledgerException.invalidParameter("a contingency test needs two non-empty samples");
    }
    double total = refTotal + curTotal;
    int categories = 0;
    CompensatedSum statistic = new CompensatedSum();
    for (int i = 0; i < reference.length; i++) {
      double column = reference[i] + current[i];
      if (column == 0) {
        continue;
      }
      categories++;
      statistic.add(term(reference[i], refTotal * column / total, logLikelihood));
      statistic.add(term(current[i], curTotal * column / total, logLikelihood));
    }
    int dof = categories - 1;
    if (dof == 0) {
      // One category in both samples: identical distributions, as scipy reports.
      return new ContingencyResult(0.0, 1.0, 0);
    }
    double stat = Math.max(0.0, statistic.value());
    return new ContingencyResult(stat, chiSquareSurvival(stat, dof), dof);
  }

  private static double term(long observed, double expected, boolean logLikelihood) {
    if (logLikelihood) {
      return observed == 0 ? 0.0 : 2.0 * observed * Math.log(observed / expected);
    }
    double diff = observed - expected;
    return diff * diff / expected;
  }

  /** The chi-square upper tail, accurate for tiny p-values (no 1 - cdf cancellation). */
  static double chiSquareSurvival(double x, int dof) {
    if (x <= 0) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(dof / 2.0, x / 2.0);
  }
}
