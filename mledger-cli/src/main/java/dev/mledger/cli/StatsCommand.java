package dev.mledger.cli;

import dev.mledger.core.stats.Alternative;
import dev.mledger.core.stats.PairedTTest;
import dev.mledger.core.stats.RunGroupStatistics;
import dev.mledger.core.stats.TTestResult;
import dev.mledger.core.stats.WilcoxonOptions;
import dev.mledger.core.stats.WilcoxonResult;
import dev.mledger.core.stats.WilcoxonSignedRankTest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mledger stats}: the statistics behind run comparison, on numbers given directly. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Confidence intervals and paired tests on metric values (e.g. one per seed).",
    subcommands = {StatsCommand.Ci.class, StatsCommand.Paired.class})
public final class StatsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code mledger stats ci}: mean, standard error and Student-t interval. */
  @Command(
      name = "ci",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Mean, standard error and Student-t confidence interval of the values.")
  static final class Ci implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--values",
        required = true,
        description = "Comma-separated values, e.g. 0.71,0.73,0.70.")
    String values;

    @Option(
        names = "--confidence",
        defaultValue = "0.95",
        description = "Confidence level in (0, 1) (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
      double[] xs = NumberList.parse("--values", values);
      RunGroupStatistics s = RunGroupStatistics.of(xs, confidence);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("n", s.n());
      doc.put("mean", s.mean());
      doc.put("std", s.standardDeviation());
      doc.put("se", s.standardError());
      doc.put("df", s.n() - 1);
      doc.put("confidence", confidence);
      doc.put("ci_low", s.interval().low());
      doc.put("ci_high", s.interval().high());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        JsonOutput.print(out, doc);
      } else {
        out.printf(
            "n=%d  mean=%s  se=%s  %s%% CI [%s, %s] (Student t, df=%d)%n",
            s.n(),
            fmt(s.mean()),
            fmt(s.standardError()),
            fmt(confidence * 100),
            fmt(s.interval().low()),
            fmt(s.interval().high()),
            s.n() - 1);
      }
      return 0;
    }
  }

  /** {@code mledger stats paired}: paired t-test and Wilcoxon signed-rank test of a against b. */
  @Command(
      name = "paired",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Paired comparison of a against b (same seeds/folds, same order):",
        "mean of a - b, its standard error and confidence interval, paired t-test and Wilcoxon"
            + " signed-rank test."
      })
  static final class Paired implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--a", required = true, description = "Values of a, comma-separated.")
    String a;

    @Option(names = "--b", required = true, description = "Values of b, comma-separated.")
    String b;

    @Option(
        names = "--confidence",
        defaultValue = "0.95",
        description = "Confidence level of the interval of the delta (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(
        names = "--alternative",
        defaultValue = "two-sided",
        description = "two-sided, less or greater (a - b < 0 / > 0) (default: ${DEFAULT-VALUE}).")
    String alternative;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
      double[] xs = NumberList.parse("--a", a);
      double[] ys = NumberList.parse("--b", b);
      if (xs.length != ys.length) {
        throw new CliException(
            "--a has " + xs.length + " values but --b has " + ys.length + "; pairs must match", 2);
      }
      Alternative alt = Alternative.fromName(alternative);
      TTestResult t = PairedTTest.test(xs, ys, alt, confidence);
      WilcoxonResult w =
          WilcoxonSignedRankTest.test(xs, ys, WilcoxonOptions.defaults().withAlternative(alt));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("n", xs.length);
      doc.put("alternative", alt.scipyName());
      doc.put("mean_delta", t.meanDelta());
      doc.put("se", t.standardError());
      doc.put("t", t.statistic());
      doc.put("df", t.degreesOfFreedom());
      doc.put("p_value", t.pValue());
      doc.put("wilcoxon_statistic", w.statistic());
      doc.put("wilcoxon_p_value", w.pValue());
      doc.put("wilcoxon_method", w.method().name().toLowerCase(java.util.Locale.ROOT));
      doc.put("confidence", confidence);
      doc.put("ci_low", t.interval().low());
      doc.put("ci_high", t.interval().high());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        JsonOutput.print(out, doc);
      } else {
        out.printf(
            "n=%d  mean(a-b)=%s  se=%s  %s%% CI [%s, %s]%n",
            xs.length,
            fmt(t.meanDelta()),
            fmt(t.standardError()),
            fmt(confidence * 100),
            fmt(t.interval().low()),
            fmt(t.interval().high()));
        out.printf(
            "paired t: t=%s df=%s p=%s (%s)%n",
            fmt(t.statistic()), fmt(t.degreesOfFreedom()), fmt(t.pValue()), alt.scipyName());
        out.printf(
            "wilcoxon signed-rank: W=%s p=%s (%s)%n",
            fmt(w.statistic()),
            fmt(w.pValue()),
            w.method().name().toLowerCase(java.util.Locale.ROOT));
      }
      return 0;
    }
  }

  static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }
}
