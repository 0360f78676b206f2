package dev.mledger.cli.demo;

import dev.mledger.core.stats.PairedComparison;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the best configuration by mean test R² over seeds and compares it with the baseline, paired
 * by seed (paired t-test and Wilcoxon signed-rank on Δ = best − baseline).
 *
 * @param comparison {@code null} when the baseline itself is best
 */
record SweepAnalysis(
    SweepTrainer.Outcome best, SweepTrainer.Outcome baseline, PairedComparison comparison) {

  static SweepAnalysis of(List<SweepTrainer.Outcome> outcomes) {
    SweepTrainer.Outcome baseline = outcomes.get(0);
    SweepTrainer.Outcome best =
        outcomes.stream().max(Comparator.comparingDouble(o -> o.testR2().mean())).orElseThrow();
    PairedComparison comparison =
        best == baseline ? null : PairedComparison.of(best.testR2BySeed(), baseline.testR2BySeed());
    return new SweepAnalysis(best, baseline, comparison);
  }
}
