package dev.mledger.core.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks a window's drifted features as likely root causes. The score is how far past its threshold
 * the feature's drift test is: {@code value / τ} for distances (PSI, JS, Wasserstein) and {@code
 * log(p) / log(τ)} for p-values, so both read "times the threshold" (a p-value of τ² scores 2).
 * Ties break on the larger PSI (a drift that moved more mass ranks first).
 */
public final class RootCause {

  /** One ranked feature. */
  public record RankedFeature(
      String feature, String test, double value, double threshold, double score, double psi) {}

  private RootCause() {}

  /** Drifted features of {@code report}, most severe first. */
  public static List<RankedFeature> rank(WindowReport report) {
    List<RankedFeature> ranked = new ArrayList<>();
    for (FeatureReport f : report.features()) {
      if (!f.drifted()) {
        continue;
      }
      var verdict = f.drift().verdict();
      double score;
      if (verdict.test().isPValue()) {
        double p = Math.max(verdict.value(), Double.MIN_NORMAL);
        score = Math.log(p) / Math.log(verdict.threshold());
      } else {
        score = verdict.threshold() == 0 ? Double.MAX_VALUE : verdict.value() / verdict.threshold();
      }
      double psi = Signal.divergences(f.drift()).psi();
      ranked.add(
          new RankedFeature(
              f.feature(),
              verdict.test().jsonName(),
              verdict.value(),
              verdict.threshold(),
              score,
              psi));
    }
    ranked.sort(
        Comparator.comparingDouble(RankedFeature::score)
            .reversed()
            .thenComparing(Comparator.comparingDouble(RankedFeature::psi).reversed())
            .thenComparing(RankedFeature::feature));
    return ranked;
  }
}
