package dev.mledger.cli.llm;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.client.llm.LlmClient;
import dev.mledger.core.llm.GenAiCall;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.SpanNode;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.core.llm.TraceSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger traces}: GenAI traces received over OTLP. */
@Command(
    name = "traces",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List traces, show one as a span tree, and aggregate tokens, latency and cost.",
    subcommands = {
      TracesCommand.ListTraces.class,
      TracesCommand.Show.class,
      TracesCommand.Stats.class
    })
public final class TracesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Filters shared by {@code list} and {@code stats}. */
  static final class Filters {
    @Option(names = "--prompt-version", paramLabel = "URI", description = "prompts:/name/version")
    String promptVersion;

    @Option(names = "--eval-set", paramLabel = "SET", description = "Evaluation set.")
    String evalSet;

    @Option(names = "--service", paramLabel = "NAME", description = "Resource service.name.")
    String service;

    @Option(names = "--status", paramLabel = "OK|ERROR|UNSET", description = "Root span status.")
    String status;

    @Option(
        names = "--model",
        paramLabel = "MODEL",
        description = "Traces with a span that requested or answered with this model.")
    String model;

    @Option(
        names = "--operation",
        paramLabel = "NAME",
        description = "Traces with a span of this gen_ai.operation.name (chat, embeddings, ...).")
    String operation;

    Map<String, String> query() {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("prompt_version", promptVersion);
      q.put("eval_set", evalSet);
      q.put("service", service);
      q.put("status", status);
      q.put("model", model);
      q.put("operation", operation);
      return q;
    }
  }

  /** {@code mledger traces list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "List traces, newest first.")
  static final class ListTraces extends LlmCommand {
    @Mixin Filters filters;

    @Option(
        names = "--max-results",
        defaultValue = "50",
        paramLabel = "N",
        description = "At most N traces (default: ${DEFAULT-VALUE}).")
    int maxResults;

    @Override
    protected int execute(LlmClient llm) {
      Map<String, String> q = filters.query();
      q.put("max_results", Integer.toString(maxResults));
      List<TraceSummary> traces = llm.listTraces(q);
      if (json()) {
        List<Object> docs = new ArrayList<>();
        traces.forEach(t -> docs.add(LlmJsonDocs.summary(t)));
        JsonOutput.print(out(), Map.of("traces", docs));
        return 0;
      }
      Table table =
          Table.of(
              "trace_id", "root", "status", "spans", "ms", "tokens in/out", "cost usd", "prompt");
      for (TraceSummary t : traces) {
        table.row(
            t.traceId(),
            t.rootName(),
            t.status().name(),
            t.spanCount(),
            String.format(Locale.ROOT, "%.1f", t.durationMillis()),
            t.inputTokens() + "/" + t.outputTokens(),
            t.costUsd() == null ? "" : String.format(Locale.ROOT, "%.6f", t.costUsd()),
            t.promptVersion() == null ? "" : t.promptVersion());
      }
      table.print(out(), TableStyle.detect());
      return 0;
    }
  }

  /** {@code mledger traces show TRACE_ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Show a trace as its span tree, with GenAI details and scores.")
  static final class Show extends LlmCommand {
    @Parameters(paramLabel = "TRACE_ID", description = "32 hex digits.")
    String traceId;

    @Override
    protected int execute(LlmClient llm) {
      LlmClient.StoredTrace trace =
          llm.getTrace(traceId.toLowerCase(Locale.ROOT))
              .orElseThrow(
                  () ->
                      new CliException(
                          "Trace " + traceId + " does not exist.", ExitCodes.NOT_FOUND));
      if (json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("trace", LlmJsonDocs.summary(trace.summary()));
        List<Object> spans = new ArrayList<>();
        trace.tree().roots().forEach(r -> spans.add(node(r)));
        doc.put("spans", spans);
        List<Object> scores = new ArrayList<>();
        trace.scores().forEach(s -> scores.add(LlmJsonDocs.score(s)));
        doc.put("scores", scores);
        JsonOutput.print(out(), doc);
        return 0;
      }
      PrintWriter out = out();
      TraceSummary s = trace.summary();
      out.printf(
          Locale.ROOT,
          "trace %s  %s  %.1f ms  %d spans  tokens %d/%d%s%n",
          s.traceId(),
          s.status(),
          s.durationMillis(),
          s.spanCount(),
          s.inputTokens(),
          s.outputTokens(),
          s.costUsd() == null ? "" : String.format(Locale.ROOT, "  cost $%.6f", s.costUsd()));
      for (SpanNode root : trace.tree().roots()) {
        print(out, root, "");
      }
      if (!trace.scores().isEmpty()) {
        out.println();
        Table table = Table.of("score", "value", "span", "source", "rationale");
        for (Score score : trace.scores()) {
          table.row(
              score.name(),
              LlmJsonDocs.scoreText(score.value()),
              score.spanId() == null ? "" : score.spanId(),
              LlmJsonDocs.source(score.source()),
              score.rationale());
        }
        table.print(out, TableStyle.detect());
      }
      return 0;
    }

    private static void print(PrintWriter out, SpanNode node, String indent) {
      GenAiCall call = GenAiCall.of(node.span());
      StringBuilder line = new StringBuilder(indent);
      line.append(node.span().name())
          .append(String.format(Locale.ROOT, "  %.1f ms", node.span().durationMillis()));
      if (node.span().status() == dev.mledger.core.llm.SpanStatus.ERROR) {
        line.append("  ERROR ").append(node.span().statusMessage());
      }
      if (call.model() != null) {
        line.append("  model=").append(call.model());
      }
      if (call.inputTokens() > 0 || call.outputTokens() > 0) {
        line.append("  tokens=").append(call.inputTokens()).append('/').append(call.outputTokens());
      }
      if (call.guardrailAction() != null) {
        line.append("  guardrail=").append(call.guardrailAction());
      }
      if (node.orphan()) {
        line.append("  (parent missing)");
      }
      out.println(line);
      for (SpanNode child : node.children()) {
        print(out, child, indent + "  ");
      }
    }

    private static Map<String, Object> node(SpanNode n) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("span_id", n.span().spanId());
      m.put("name", n.span().name());
      m.put("status", n.span().status().name());
      m.put("duration_ms", n.span().durationMillis());
      m.put("attributes", n.span().attributes());
      List<Object> children = new ArrayList<>();
      n.children().forEach(c -> children.add(node(c)));
      m.put("children", children);
      return m;
    }
  }

  /** {@code mledger traces stats}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Token counts, latency p50/p95/p99 (numpy's linear quantiles) and cost per trace and per"
              + " successful task over the matching traces.")
  static final class Stats extends LlmCommand {
    @Mixin Filters filters;

    @Override
    protected int execute(LlmClient llm) {
      TraceAggregates a = llm.aggregate(filters.query());
      if (json()) {
        JsonOutput.print(out(), LlmJsonDocs.aggregates(a));
        return 0;
      }
      Table.of("statistic", "value")
          .row("traces", a.traceCount())
          .row("successful / failed", a.successCount() + " / " + a.errorCount())
          .row("tokens in / out", a.inputTokens() + " / " + a.outputTokens())
          .row("latency p50 ms", ms(a.latencyP50Millis()))
          .row("latency p95 ms", ms(a.latencyP95Millis()))
          .row("latency p99 ms", ms(a.latencyP99Millis()))
          .row("cost usd", usd(a.costUsd()))
          .row("cost per trace", usd(a.costPerTrace()))
          .row("cost per successful task", usd(a.costPerSuccessfulTask()))
          .row("unpriced traces", a.unpricedTraces())
          .print(out(), TableStyle.detect());
      return 0;
    }

    private static String ms(Double v) {
      return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String usd(Double v) {
      return v == null ? "n/a" : String.format(Locale.ROOT, "%.6f", v);
    }
  }
}
