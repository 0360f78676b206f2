package dev.mledger.core.analysis;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.stats.AdjustmentMethod;
import dev.mledger.core.stats.Alternative;
import dev.mledger.core.stats.MultipleTestCorrection;
import dev.mledger.core.stats.RunGroupStatistics;
import dev.mledger.core.stats.SampleSummary;
import dev.mledger.core.stats.TTestResult;
import dev.mledger.core.stats.WelchTTest;
import dev.mledger.core.tracking.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parameter-effect analysis: groups runs by the value of one param and describes how a metric moves
 * across those levels (see {@link ParameterEffect} for every part of the result).
 *
 * <p>Each run is one observation (seeds are replicates). Runs without the param, or without a
 * finite value of the metric, are left out and counted. Levels are ordered numerically when every
 * value is a decimal number, as strings otherwise.
 */
public final class ParameterEffectAnalysis {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private ParameterEffectAnalysis() {}

  /**
   * Analyses how param {@code param} moves metric {@code metric} over {@code runs}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for a blank key or a param that is also
   *     declared a seed; RESOURCE_DOES_NOT_EXIST when no run has the param, no run with the param
   *     has a finite value of the metric, or the reference level does not occur
   */
  public static ParameterEffect analyze(
      Collection<Run> runs, String param, String metric, EffectOptions options) {
    requireKey("param", param);
    requireKey("metric", metric);
    Objects.requireNonNull(options, "options");
    if (options.isSeedParam(param)) {
      throw MledgerException.invalidParameter(
          "'" + param + "' is a seed param; analyse a param that configures the runs.");
    }
    List<Run> withParam = new ArrayList<>();
    for (Run run : runs) {
      if (RunValues.param(run, param) != null) {
        withParam.add(run);
      }
    }
    if (withParam.isEmpty()) {
      throw MledgerException.notFound(
          "No run among the " + runs.size() + " searched has a param '" + param + "'.");
    }
    Map<String, List<Observation>> byLevel = new LinkedHashMap<>();
    int withoutMetric = 0;
    for (Run run : withParam) {
      OptionalDouble value = RunValues.metric(run, metric);
      if (value.isEmpty() || !Double.isFinite(value.getAsDouble())) {
        withoutMetric++;
        continue;
      }
      byLevel
          .computeIfAbsent(RunValues.param(run, param), v -> new ArrayList<>())
          .add(new Observation(run, value.getAsDouble()));
    }
    if (byLevel.isEmpty()) {
      throw MledgerException.notFound(
          "No run with param '" + param + "' has a finite value of metric '" + metric + "'.");
    }

    LevelOrder order = orderOf(byLevel.keySet());
    List<String> levelValues = new ArrayList<>(byLevel.keySet());
    levelValues.sort(comparator(order));

    List<EffectLevel> levels = new ArrayList<>();
    for (String value : levelValues) {
      levels.add(level(value, byLevel.get(value), param, options));
    }
    EffectLevel reference = referenceLevel(levels, param, options);
    List<LevelComparison> comparisons = compare(levels, reference, byLevel, options.confidence());
    return new ParameterEffect(
        param,
        metric,
        options.confidence(),
        order,
        levels,
        comparisons,
        acrossLevels(levels, byLevel),
        otherVaryingParams(byLevel, levelValues, param, options),
        runs.size() - withParam.size(),
        withoutMetric);
  }

  private record Observation(Run run, double value) {}

  private static EffectLevel level(
      String value, List<Observation> observations, String param, EffectOptions options) {
    Map<Map<String, String>, List<Observation>> byConfig = new LinkedHashMap<>();
    for (Observation observation : observations) {
      Map<String, String> config = new TreeMap<>(RunValues.params(observation.run()));
      config.keySet().removeIf(options::isSeedParam);
      byConfig.computeIfAbsent(config, c -> new ArrayList<>()).add(observation);
    }
    List<RunGroup> groups = new ArrayList<>();
    for (Map.Entry<Map<String, String>, List<Observation>> entry : byConfig.entrySet()) {
      Summary summary = summarize(entry.getValue(), options.confidence());
      groups.add(
          new RunGroup(entry.getKey(), runIds(entry.getValue()), summary.mean, summary.stats));
    }
    groups.sort(Comparator.comparing(group -> group.config().toString()));
    Summary summary = summarize(observations, options.confidence());
    return new EffectLevel(value, runIds(observations), summary.mean, summary.stats, groups);
  }

  private record Summary(double mean, RunGroupStatistics stats) {}

  private static Summary summarize(List<Observation> observations, double confidence) {
    double[] values = values(observations);
    if (values.length == 1) {
      return new Summary(values[0], null);
    }
    RunGroupStatistics stats = RunGroupStatistics.of(values, confidence);
    return new Summary(stats.mean(), stats);
  }

  private static EffectLevel referenceLevel(
      List<EffectLevel> levels, String param, EffectOptions options) {
    if (options.referenceLevel() == null) {
      return levels.get(0);
    }
    return levels.stream()
        .filter(level -> level.value().equals(options.referenceLevel()))
        .findFirst()
        .orElseThrow(
            () ->
                MledgerException.notFound(
                    "Reference level "
                        + param
                        + "="
                        + options.referenceLevel()
                        + " does not occur; levels are: "
                        + String.join(", ", levels.stream().map(EffectLevel::value).toList())
                        + "."));
  }

  private static List<LevelComparison> compare(
      List<EffectLevel> levels,
      EffectLevel reference,
      Map<String, List<Observation>> byLevel,
      double confidence) {
    double[] referenceValues = values(byLevel.get(reference.value()));
    List<EffectLevel> others = levels.stream().filter(level -> level != reference).toList();
    List<TTestResult> tests = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    for (EffectLevel level : others) {
      TTestResult welch = null;
      if (level.n() >= 2 && reference.n() >= 2) {
        welch =
            WelchTTest.test(
                values(byLevel.get(level.value())),
                referenceValues,
                Alternative.TWO_SIDED,
                confidence);
        if (!Double.isNaN(welch.pValue())) {
          pValues.add(welch.pValue());
        }
      }
      tests.add(welch);
    }
    double[] adjusted =
        pValues.isEmpty()
            ? new double[0]
            : MultipleTestCorrection.adjust(
                    pValues.stream().mapToDouble(Double::doubleValue).toArray(),
                    AdjustmentMethod.HOLM)
                .adjustedPValues();
    List<LevelComparison> comparisons = new ArrayList<>();
    int nextAdjusted = 0;
    for (int i = 0; i < others.size(); i++) {
      EffectLevel level = others.get(i);
      TTestResult welch = tests.get(i);
      Double holm = null;
      if (welch != null && !Double.isNaN(welch.pValue())) {
        holm = adjusted[nextAdjusted++];
      }
      comparisons.add(
          new LevelComparison(
              level.value(),
              reference.value(),
              level.mean() - reference.mean(),
              cohensD(values(byLevel.get(level.value())), referenceValues),
              welch,
              holm));
    }
    return comparisons;
  }

  /** {@code (mean(a) − mean(b)) / s_pooled}; see {@link LevelComparison#cohensD()}. */
  static double cohensD(double[] a, double[] b) {
    int degreesOfFreedom = a.length + b.length - 2;
    double delta = mean(a) - mean(b);
    if (degreesOfFreedom <= 0) {
      return Double.NaN;
    }
    double sumOfSquares = sumOfSquares(a) + sumOfSquares(b);
    return delta / Math.sqrt(sumOfSquares / degreesOfFreedom);
  }

  private static double sumOfSquares(double[] values) {
    if (values.length < 2) {
      return 0.0;
    }
    SampleSummary summary = SampleSummary.of(values);
    return summary.variance() * (summary.n() - 1);
  }

  private static double mean(double[] values) {
    return values.length == 1 ? values[0] : SampleSummary.of(values).mean();
  }

  private static AcrossLevelsTest acrossLevels(
      List<EffectLevel> levels, Map<String, List<Observation>> byLevel) {
    if (levels.size() < 2) {
      return new AcrossLevelsTest.NotTested("only one level: there is nothing to compare it with.");
    }
    List<String> tooSmall =
        levels.stream().filter(level -> level.n() < 2).map(EffectLevel::value).toList();
    if (!tooSmall.isEmpty()) {
      return new AcrossLevelsTest.NotTested(
          "Welch's ANOVA needs at least 2 runs per level; "
              + String.join(", ", tooSmall)
              + (tooSmall.size() == 1 ? " has" : " have")
              + " only one.");
    }
    List<double[]> groups =
        levels.stream().map(level -> values(byLevel.get(level.value()))).toList();
    WelchAnovaResult result = WelchAnova.test(groups);
    if (Double.isNaN(result.statistic())) {
      boolean allEqual = levels.stream().allMatch(level -> level.mean() == levels.get(0).mean());
      return new AcrossLevelsTest.NotTested(
          allEqual
              ? "every run has the same value: there is no variation to test."
              : "some levels have identical values on every run (zero variance), which Welch's"
                  + " ANOVA cannot weigh.");
    }
    return new AcrossLevelsTest.Tested(result);
  }

  private static List<VaryingParam> otherVaryingParams(
      Map<String, List<Observation>> byLevel,
      List<String> levelValues,
      String param,
      EffectOptions options) {
    Set<String> keys = new TreeSet<>();
    for (List<Observation> observations : byLevel.values()) {
      for (Observation observation : observations) {
        keys.addAll(RunValues.params(observation.run()).keySet());
      }
    }
    keys.remove(param);
    keys.removeIf(options::isSeedParam);
    List<VaryingParam> varying = new ArrayList<>();
    for (String key : keys) {
      Set<Optional<String>> all = new HashSet<>();
      List<Set<Optional<String>>> perLevel = new ArrayList<>();
      for (String level : levelValues) {
        Set<Optional<String>> seen = new HashSet<>();
        for (Observation observation : byLevel.get(level)) {
          seen.add(Optional.ofNullable(RunValues.param(observation.run(), key)));
        }
        perLevel.add(seen);
        all.addAll(seen);
      }
      if (all.size() < 2) {
        continue;
      }
      boolean balanced = perLevel.stream().allMatch(seen -> seen.equals(perLevel.get(0)));
      Set<String> present = new HashSet<>();
      all.forEach(value -> value.ifPresent(present::add));
      List<String> sorted = new ArrayList<>(present);
      sorted.sort(comparator(orderOf(present)));
      varying.add(new VaryingParam(key, sorted, all.contains(Optional.empty()), balanced));
    }
    return varying;
  }

  static LevelOrder orderOf(Collection<String> values) {
    return values.stream().allMatch(value -> DECIMAL.matcher(value.trim()).matches())
        ? LevelOrder.NUMERIC
        : LevelOrder.LEXICAL;
  }

  private static Comparator<String> comparator(LevelOrder order) {
    Comparator<String> lexical = Comparator.naturalOrder();
    if (order == LevelOrder.LEXICAL) {
      return lexical;
    }
    // Equal numbers spelled differently ("1" and "1.0") stay distinct levels, in string order.
    return Comparator.<String>comparingDouble(value -> Double.parseDouble(value.trim()))
        .thenComparing(lexical);
  }

  private static List<String> runIds(List<Observation> observations) {
    return observations.stream().map(observation -> observation.run().info().runId()).toList();
  }

  private static double[] values(List<Observation> observations) {
    return observations.stream().mapToDouble(Observation::value).toArray();
  }

  private static void requireKey(String what, String key) {
    if (key == null || key.isBlank()) {
      throw MledgerException.invalidParameter("A " + what + " key is needed.");
    }
  }
}
