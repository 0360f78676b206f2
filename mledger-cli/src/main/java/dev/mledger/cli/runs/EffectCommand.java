package dev.mledger.cli.runs;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Cells;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.RunQuery;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.analysis.AcrossLevelsTest;
import dev.mledger.core.analysis.EffectLevel;
import dev.mledger.core.analysis.EffectOptions;
import dev.mledger.core.analysis.LevelComparison;
import dev.mledger.core.analysis.ParameterEffect;
import dev.mledger.core.analysis.ParameterEffectAnalysis;
import dev.mledger.core.analysis.RunGroup;
import dev.mledger.core.analysis.WelchAnovaResult;
import dev.mledger.core.stats.RunGroupStatistics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mledger runs effect --param P --metric M}: how one param moves a metric across runs. */
@Command(
    name = "effect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "How one param moves a metric across runs (levels, intervals, effect sizes, Welch ANOVA).",
      "Runs are grouped by the param's value (numeric values in numeric order); per level n,"
          + " mean, standard error and Student-t interval,",
      "each level against the reference level (mean delta, Cohen's d, Welch t-test, Holm-adjusted"
          + " p), and Welch's one-way ANOVA across all levels.",
      "Warns when other params vary too (confounding) and groups runs that differ only by seed."
    })
public final class EffectCommand extends TrackingCommand {
  @Mixin RunQuery query;

  @Option(
      names = {"-p", "--param"},
      required = true,
      paramLabel = "KEY",
      description = "The param whose effect is analysed.")
  String param;

  @Option(
      names = {"-m", "--metric"},
      required = true,
      paramLabel = "KEY",
      description = "The metric it is judged by (latest value per run).")
  String metric;

  @Option(
      names = "--confidence",
      defaultValue = "0.95",
      description = "Confidence level of every interval (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(
      names = "--reference",
      paramLabel = "VALUE",
      description = "Level the others are compared with (default: the first level in order).")
  String reference;

  @Option(
      names = "--seed-param",
      split = ",",
      paramLabel = "KEY",
      description =
          "Params that only set a random seed (default: seed, random_seed, random_state,"
              + " rng_seed).")
  List<String> seedParams;

  @Override
  protected int execute(MledgerClient client) {
    EffectOptions options =
        new EffectOptions(
            confidence,
            seedParams == null
                ? EffectOptions.DEFAULT_SEED_PARAMS
                : new LinkedHashSet<>(seedParams),
            reference);
    ParameterEffect effect =
        ParameterEffectAnalysis.analyze(query.fetch(client), param, metric, options);
    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(out, EffectJson.of(effect));
    } else {
      printText(out, effect);
    }
    return 0;
  }

  private static void printText(PrintWriter out, ParameterEffect effect) {
    TableStyle style = TableStyle.detect();
    int runs = effect.levels().stream().mapToInt(EffectLevel::n).sum();
    out.printf(
        "effect of %s on %s: %d %s in %d %s (%s order), %s%% intervals%n%n",
        effect.param(),
        effect.metric(),
        runs,
        runs == 1 ? "run" : "runs",
        effect.levels().size(),
        effect.levels().size() == 1 ? "level" : "levels",
        effect.order().name().toLowerCase(Locale.ROOT),
        Cells.number(effect.confidence() * 100));
    Map<String, LevelComparison> byLevel =
        effect.comparisons().stream().collect(Collectors.toMap(LevelComparison::level, c -> c));
    String reference =
        effect.comparisons().isEmpty() ? null : effect.comparisons().get(0).reference();
    Table table =
        Table.of(
            effect.param(),
            "n",
            "mean",
            "se",
            "ci_low",
            "ci_high",
            reference == null ? "Δ" : "Δ vs " + reference,
            "cohen_d",
            "p_welch",
            "p_holm");
    for (EffectLevel level : effect.levels()) {
      RunGroupStatistics s = level.statistics();
      LevelComparison c = byLevel.get(level.value());
      table.row(
          level.value(),
          level.n(),
          level.mean(),
          s == null ? null : s.standardError(),
          s == null ? null : s.interval().low(),
          s == null ? null : s.interval().high(),
          c == null ? null : c.meanDelta(),
          c == null || Double.isNaN(c.cohensD()) ? null : c.cohensD(),
          c == null || c.welch() == null ? null : c.welch().pValue(),
          c == null ? null : c.holmAdjustedPValue());
    }
    table.print(out, style);
    out.println();
    if (effect.test() instanceof AcrossLevelsTest.Tested tested) {
      WelchAnovaResult r = tested.result();
      out.printf(
          "Welch ANOVA: F(%s, %s) = %s, p = %s%n",
          Cells.number(r.numeratorDf()),
          Cells.number(r.denominatorDf()),
          Cells.number(r.statistic()),
          Cells.number(r.pValue()));
    } else if (effect.test() instanceof AcrossLevelsTest.NotTested notTested) {
      out.printf("Welch ANOVA: not run: %s%n", notTested.reason());
    }
    if (effect.levels().stream().anyMatch(level -> level.runGroups().size() > 1)) {
      out.println();
      out.println("run groups (runs that differ only by seed):");
      Table groups = Table.of(effect.param(), "other params", "n", "mean", "se");
      for (EffectLevel level : effect.levels()) {
        for (RunGroup group : level.runGroups()) {
          groups.row(
              level.value(),
              otherParams(group, effect.param()),
              group.n(),
              group.mean(),
              group.statistics() == null ? null : group.statistics().standardError());
        }
      }
      groups.print(out, style.withMaxCellWidth(60));
    }
    List<String> warnings = effect.warnings();
    if (!warnings.isEmpty()) {
      out.println();
      warnings.forEach(w -> out.println("warning: " + w));
    }
    out.flush();
  }

  private static String otherParams(RunGroup group, String param) {
    List<String> parts = new ArrayList<>();
    group
        .config()
        .forEach(
            (k, v) -> {
              if (!k.equals(param)) {
                parts.add(k + "=" + v);
              }
            });
    return parts.isEmpty() ? "(none)" : String.join(" ", parts);
  }
}
