package dev.mledger.cli.runs;

import dev.mledger.core.analysis.AcrossLevelsTest;
import dev.mledger.core.analysis.EffectLevel;
import dev.mledger.core.analysis.LevelComparison;
import dev.mledger.core.analysis.ParameterEffect;
import dev.mledger.core.analysis.RunGroup;
import dev.mledger.core.analysis.VaryingParam;
import dev.mledger.core.stats.RunGroupStatistics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code --json} document of {@code runs effect}. Undefined quantities are null. */
final class EffectJson {
  private EffectJson() {}

  static Map<String, Object> of(ParameterEffect effect) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("param", effect.param());
    doc.put("metric", effect.metric());
    doc.put("confidence", effect.confidence());
    doc.put("order", effect.order().name().toLowerCase(Locale.ROOT));
    doc.put("levels", effect.levels().stream().map(EffectJson::level).toList());
    doc.put(
        "reference",
        effect.comparisons().isEmpty()
            ? effect.levels().get(0).value()
            : effect.comparisons().get(0).reference());
    doc.put("comparisons", effect.comparisons().stream().map(EffectJson::comparison).toList());
    doc.put("test", test(effect.test()));
    doc.put(
        "other_varying_params",
        effect.otherVaryingParams().stream().map(EffectJson::varying).toList());
    doc.put("confounded", effect.isConfounded());
    doc.put("runs_without_param", effect.runsWithoutParam());
    doc.put("runs_without_metric", effect.runsWithoutMetric());
    doc.put("warnings", effect.warnings());
    return doc;
  }

  private static Map<String, Object> level(EffectLevel level) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("value", level.value());
    json.put("n", level.n());
    json.put("mean", level.mean());
    putStatistics(json, level.statistics());
    json.put("run_ids", level.runIds());
    json.put("run_groups", level.runGroups().stream().map(EffectJson::group).toList());
    return json;
  }

  private static Map<String, Object> group(RunGroup group) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("params", group.config());
    json.put("n", group.n());
    json.put("mean", group.mean());
    putStatistics(json, group.statistics());
    json.put("run_ids", group.runIds());
    return json;
  }

  private static void putStatistics(Map<String, Object> json, RunGroupStatistics s) {
    json.put("std", s == null ? null : s.standardDeviation());
    json.put("se", s == null ? null : s.standardError());
    json.put("ci_low", s == null ? null : s.interval().low());
    json.put("ci_high", s == null ? null : s.interval().high());
  }

  private static Map<String, Object> comparison(LevelComparison c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("level", c.level());
    json.put("reference", c.reference());
    json.put("mean_delta", c.meanDelta());
    json.put("cohens_d", Double.isNaN(c.cohensD()) ? null : c.cohensD());
    if (c.welch() == null) {
      json.put("welch", null);
    } else {
      Map<String, Object> welch = new LinkedHashMap<>();
      welch.put("t", c.welch().statistic());
      welch.put("df", c.welch().degreesOfFreedom());
      welch.put("p_value", c.welch().pValue());
      welch.put("ci_low", c.welch().interval().low());
      welch.put("ci_high", c.welch().interval().high());
      json.put("welch", welch);
    }
    json.put("p_holm", c.holmAdjustedPValue());
    return json;
  }

  private static Map<String, Object> test(AcrossLevelsTest test) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", "welch_anova");
    if (test instanceof AcrossLevelsTest.Tested tested) {
      json.put("tested", true);
      json.put("statistic", tested.result().statistic());
      json.put("df_num", tested.result().numeratorDf());
      json.put("df_den", tested.result().denominatorDf());
      json.put("p_value", tested.result().pValue());
    } else if (test instanceof AcrossLevelsTest.NotTested notTested) {
      json.put("tested", false);
      json.put("reason", notTested.reason());
    }
    return json;
  }

  private static Map<String, Object> varying(VaryingParam p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", p.key());
    json.put("values", p.values());
    json.put("missing_on_some_runs", p.missingOnSomeRuns());
    json.put("balanced", p.balanced());
    return json;
  }
}
