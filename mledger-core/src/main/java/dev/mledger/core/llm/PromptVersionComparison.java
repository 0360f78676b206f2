package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.PairedComparison;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two prompt versions compared on the same evaluation set: for every example both versions
 * answered, {@code Δ = score(a) − score(b)}, with the paired t-test and Wilcoxon signed-rank test
 * of {@link PairedComparison} (examples play the role of seeds). An example answered several times
 * by one version contributes the mean of its scores. Boolean scores count as 1/0, so the mean Δ is
 * the difference in pass rates.
 *
 * @param scoredExamplesA examples of {@code a} that had the score
 * @param statistics the paired statistics over the examples both versions answered
 */
public record PromptVersionComparison(
    String versionA,
    String versionB,
    String evalSet,
    String scoreName,
    int scoredExamplesA,
    int scoredExamplesB,
    PairedComparison statistics) {

  /** One score of one answer: the trace's prompt version and example, and the score's value. */
  public record ScoredExample(String promptVersion, String exampleId, ScoreValue value) {}

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE for categorical scores or fewer than two
   *     examples answered by both versions
   */
  public static PromptVersionComparison compare(
      String versionA,
      String versionB,
      String evalSet,
      String scoreName,
      Collection<ScoredExample> scores) {
    if (versionA.equals(versionB)) {
      throw MledgerException.invalidParameter(
          "Compare two different prompt versions; both are " + versionA + ".");
    }
    Map<String, Double> a = meanByExample(versionA, scoreName, scores);
    Map<String, Double> b = meanByExample(versionB, scoreName, scores);
    if (a.isEmpty() || b.isEmpty()) {
      throw MledgerException.invalidParameter(
          "No '"
              + scoreName
              + "' scores on evaluation set '"
              + evalSet
              + "' for "
              + (a.isEmpty() ? versionA : versionB)
              + ": score traces whose root span carries "
              + GenAiAttributes.EVAL_SET
              + ", "
              + GenAiAttributes.EVAL_EXAMPLE_ID
              + " and "
              + GenAiAttributes.PROMPT_VERSION
              + ".");
    }
    PairedComparison statistics;
    try {
      statistics = PairedComparison.of(a, b);
    } catch (MledgerException e) {
      throw MledgerException.invalidParameter(
          "Cannot compare "
              + versionA
              + " with "
              + versionB
              + " on '"
              + evalSet
              + "': "
              + e.getMessage().replace("seeds", "examples").replace("configurations", "versions"));
    }
    return new PromptVersionComparison(
        versionA, versionB, evalSet, scoreName, a.size(), b.size(), statistics);
  }

  private static Map<String, Double> meanByExample(
      String version, String scoreName, Collection<ScoredExample> scores) {
    Map<String, double[]> sums = new HashMap<>();
    for (ScoredExample s : scores) {
      if (!version.equals(s.promptVersion()) || s.exampleId() == null) {
        continue;
      }
      double value =
          s.value()
              .asNumber()
              .orElseThrow(
                  () ->
                      MledgerException.invalidParameter(
                          "Score '"
                              + scoreName
                              + "' is categorical; only numeric and boolean scores can be"
                              + " compared with paired statistics."));
      double[] sum = sums.computeIfAbsent(s.exampleId(), k -> new double[2]);
      sum[0] += value;
      sum[1]++;
    }
    Map<String, Double> means = new TreeMap<>();
    sums.forEach((example, sum) -> means.put(example, sum[0] / sum[1]));
    return means;
  }

  /** Examples answered by both versions, in the statistics' order. */
  public List<String> pairedExamples() {
    return statistics.pairedSeeds();
  }
}
