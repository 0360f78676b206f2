package dev.mledger.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * How one param moves one metric across runs.
 *
 * @param param the analysed param key
 * @param metric the metric key
 * @param confidence the level of every interval
 * @param order how the levels are ordered
 * @param levels one entry per distinct value of the param, in {@code order}
 * @param comparisons every level but the reference against the reference level, in level order
 * @param test Welch's one-way ANOVA across all levels, or why it was not run
 * @param otherVaryingParams params (other than the analysed one and seeds) that take more than one
 *     value; empty when the runs differ only in the analysed param and their seeds
 * @param runsWithoutParam runs left out because they do not have the param
 * @param runsWithoutMetric runs left out because the metric is missing, NaN or infinite
 */
public record ParameterEffect(
    String param,
    String metric,
    double confidence,
    LevelOrder order,
    List<EffectLevel> levels,
    List<LevelComparison> comparisons,
    AcrossLevelsTest test,
    List<VaryingParam> otherVaryingParams,
    int runsWithoutParam,
    int runsWithoutMetric) {

  public ParameterEffect {
    levels = List.copyOf(levels);
    comparisons = List.copyOf(comparisons);
    otherVaryingParams = List.copyOf(otherVaryingParams);
  }

  /** Whether some other param changes together with the analysed one (an unbalanced design). */
  public boolean isConfounded() {
    return otherVaryingParams.stream().anyMatch(p -> !p.balanced());
  }

  /** Human-readable cautions about the analysis, empty when there is nothing to caution about. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    List<String> confounders =
        otherVaryingParams.stream().filter(p -> !p.balanced()).map(VaryingParam::key).toList();
    List<String> crossed =
        otherVaryingParams.stream().filter(VaryingParam::balanced).map(VaryingParam::key).toList();
    if (!confounders.isEmpty()) {
      warnings.add(
          "confounded: "
              + String.join(", ", confounders)
              + (confounders.size() == 1 ? " also changes" : " also change")
              + " between levels of "
              + param
              + ", so differences between levels cannot be attributed to "
              + param
              + " alone.");
    }
    if (!crossed.isEmpty()) {
      warnings.add(
          String.join(", ", crossed)
              + (crossed.size() == 1 ? " varies" : " vary")
              + " within every level of "
              + param
              + " (balanced): level means average over "
              + (crossed.size() == 1 ? "it" : "them")
              + ".");
    }
    for (EffectLevel level : levels) {
      if (level.n() == 1) {
        warnings.add(
            "level " + param + "=" + level.value() + " has a single run: no interval for it.");
      }
    }
    if (runsWithoutMetric > 0) {
      warnings.add(
          runsWithoutMetric
              + (runsWithoutMetric == 1 ? " run was" : " runs were")
              + " left out: metric "
              + metric
              + " is missing or not finite.");
    }
    return List.copyOf(warnings);
  }
}
