package dev.mledger.core.analysis;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.SampleSummary;
import java.util.List;
import org.hipparchus.special.Beta;

/**
 * Welch's one-way ANOVA (Welch 1951): tests whether {@code k} group means are equal without
 * assuming equal variances, as {@code scipy.stats.f_oneway(*groups, equal_var=False)}. With {@code
 * w_t = n_t / s_t²}, {@code ŷ = Σ w_t ȳ_t / Σ w_t} and {@code Λ = Σ (1 − w_t / Σw)² / (n_t − 1)}:
 * {@code F = [Σ w_t (ȳ_t − ŷ)² / (k − 1)] / [1 + 2 (k − 2) Λ / (k² − 1)]} on {@code k − 1} and
 * {@code (k² − 1) / (3 Λ)} degrees of freedom.
 *
 * <p>Chosen over the classic F-test because runs of different configurations rarely share a
 * variance, and over Kruskal–Wallis because the analysis reports means and t intervals: the test
 * should be about the same quantity.
 */
public final class WelchAnova {
  // The survival function is evaluated through the regularized incomplete beta to keep precision
  // for small p-values (1 − cdf would cancel); the tolerance matches scipy's fdtrc closely.
  private static final double BETA_EPSILON = 1e-15;
  private static final int BETA_MAX_ITERATIONS = 100_000;

  private WelchAnova() {}

  /**
   * Tests the groups.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for fewer than two groups, a group with fewer
   *     than two values, or a NaN/infinite value
   */
  public static WelchAnovaResult test(List<double[]> groups) {
    if (groups == null || groups.size() < 2) {
      throw MledgerException.invalidParameter(
          "Welch's ANOVA needs at least 2 groups, got "
              + (groups == null ? 0 : groups.size())
              + ".");
    }
    int k = groups.size();
    SampleSummary[] summaries = new SampleSummary[k];
    for (int t = 0; t < k; t++) {
      double[] group = groups.get(t);
      if (group == null || group.length < 2) {
        throw MledgerException.invalidParameter(
            "Welch's ANOVA needs at least 2 values in every group, but group #"
                + (t + 1)
                + " has "
                + (group == null ? 0 : group.length)
                + ".");
      }
      summaries[t] = SampleSummary.of(group);
    }
    double numeratorDf = k - 1;
    if (groups.stream().allMatch(WelchAnova::isConstant)) {
      boolean allEqual = groups.stream().allMatch(g -> g[0] == groups.get(0)[0]);
      return new WelchAnovaResult(
          allEqual ? Double.NaN : Double.POSITIVE_INFINITY,
          numeratorDf,
          Double.NaN,
          allEqual ? Double.NaN : 0.0);
    }
    double[] weights = new double[k];
    double sumWeights = 0.0;
    double weightedMeans = 0.0;
    for (int t = 0; t < k; t++) {
      weights[t] = summaries[t].n() / summaries[t].variance();
      sumWeights += weights[t];
      weightedMeans += weights[t] * summaries[t].mean();
    }
    double grandMean = weightedMeans / sumWeights;
    double between = 0.0;
    double lambda = 0.0;
    for (int t = 0; t < k; t++) {
      double deviation = summaries[t].mean() - grandMean;
      between += weights[t] * deviation * deviation;
      double share = 1.0 - weights[t] / sumWeights;
      lambda += share * share / (summaries[t].n() - 1);
    }
    double numerator = between / (k - 1);
    double denominator = 1.0 + 2.0 * (k - 2) / ((double) k * k - 1) * lambda;
    double statistic = numerator / denominator;
    double denominatorDf = ((double) k * k - 1) / (3.0 * lambda);
    return new WelchAnovaResult(
        statistic, numeratorDf, denominatorDf, survival(statistic, numeratorDf, denominatorDf));
  }

  /** {@code P(F > f)} for an F distribution with the given degrees of freedom. */
  static double survival(double f, double numeratorDf, double denominatorDf) {
    if (Double.isNaN(f) || Double.isNaN(numeratorDf) || Double.isNaN(denominatorDf)) {
      return Double.NaN;
    }
    if (f <= 0.0) {
      return 1.0;
    }
    if (Double.isInfinite(f)) {
      return 0.0;
    }
    double x = denominatorDf / (denominatorDf + numeratorDf * f);
    return Beta.regularizedBeta(
        x, denominatorDf / 2.0, numeratorDf / 2.0, BETA_EPSILON, BETA_MAX_ITERATIONS);
  }

  // Exact comparison, as scipy: a computed variance of identical values need not be exactly zero.
  private static boolean isConstant(double[] values) {
    for (double value : values) {
      if (value != values[0]) {
        return false;
      }
    }
    return true;
  }
}
