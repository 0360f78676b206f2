package dev.mledger.cli.runs;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.analysis.MetricDelta;
import dev.mledger.core.analysis.ParamDifference;
import dev.mledger.core.analysis.RunComparison;
import dev.mledger.core.tracking.Run;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mledger runs compare A B}: metrics with Δ = m(a) − m(b) and the params that differ. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compare run A with run B: every metric's latest value with Δ = m(A) − m(B) and the change"
          + " relative to B, and the params that differ."
    })
public final class CompareRunsCommand extends TrackingCommand {
  @Parameters(index = "0", paramLabel = "A", description = "Run id of A.")
  String runA;

  @Parameters(index = "1", paramLabel = "B", description = "Run id of B (the baseline).")
  String runB;

  @Option(names = "--all-params", description = "Show every param, not only those that differ.")
  boolean allParams;

  @Override
  protected int execute(MledgerClient client) {
    Run a = client.getRun(runA.strip());
    Run b = client.getRun(runB.strip());
    RunComparison comparison = RunComparison.of(a, b);
    List<ParamDifference> params = allParams ? comparison.params() : comparison.differingParams();
    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(out, toJson(comparison));
      return 0;
    }
    out.printf(
        "A = %s (%s)%nB = %s (%s)%n%n",
        a.info().runId(), a.info().runName(), b.info().runId(), b.info().runName());
    TableStyle style = TableStyle.detect();
    if (comparison.metrics().isEmpty()) {
      out.println("Neither run logged a metric.");
    } else {
      Table table = Table.of("metric", "A", "B", "Δ (A−B)", "Δ%");
      for (MetricDelta row : comparison.metrics()) {
        Double relative = row.relativeDelta();
        table.row(
            row.key(), row.a(), row.b(), row.delta(), relative == null ? null : relative * 100);
      }
      table.print(out, style);
    }
    out.println();
    if (params.isEmpty()) {
      out.println(comparison.params().isEmpty() ? "Neither run has params." : "Params: identical.");
    } else {
      Table table = Table.of("param", "A", "B");
      params.forEach(p -> table.row(p.key(), p.a(), p.b()));
      table.print(out, style);
    }
    out.flush();
    return 0;
  }

  private static Map<String, Object> toJson(RunComparison comparison) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("a", runRef(comparison.a()));
    doc.put("b", runRef(comparison.b()));
    doc.put(
        "metrics",
        comparison.metrics().stream()
            .map(
                row -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", row.key());
                  m.put("a", row.a());
                  m.put("b", row.b());
                  m.put("delta", row.delta());
                  m.put("relative_delta", row.relativeDelta());
                  return m;
                })
            .toList());
    doc.put(
        "params",
        comparison.params().stream()
            .map(
                row -> {
                  Map<String, Object> p = new LinkedHashMap<>();
                  p.put("key", row.key());
                  p.put("a", row.a());
                  p.put("b", row.b());
                  p.put("differs", row.differs());
                  return p;
                })
            .toList());
    return doc;
  }

  private static Map<String, Object> runRef(Run run) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("run_id", run.info().runId());
    ref.put("run_name", run.info().runName());
    ref.put("experiment_id", run.info().experimentId());
    return ref;
  }
}
