package dev.mledger.cli.runs;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.Times;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.cli.tracking.TrackingJson;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunTag;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mledger runs show RUN_ID}: one run with its params, latest metrics, tags and inputs. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show one run: info, params, latest metrics, tags and dataset inputs.")
public final class ShowRunCommand extends TrackingCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run to show.")
  String runId;

  @Option(
      names = "--all-tags",
      description = "Also show system tags (mlflow.*, mledger.*), hidden by default.")
  boolean allTags;

  @Override
  protected int execute(MledgerClient client) {
    Run run = client.getRun(runId.strip());
    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(out, Map.of("run", TrackingJson.run(run)));
      return 0;
    }
    TableStyle style = TableStyle.detect();
    RunInfo info = run.info();
    Table.of("field", "value")
        .row("run_id", info.runId())
        .row("run_name", info.runName())
        .row("experiment_id", info.experimentId())
        .row("status", info.status().name())
        .row("lifecycle_stage", info.lifecycleStage().wireName())
        .row("user", info.userId())
        .row("started", Times.instant(info.startTime()))
        .row("ended", info.endTime() == null ? null : Times.instant(info.endTime()))
        .row("duration", Times.duration(info.startTime(), info.endTime()))
        .row("artifact_uri", info.artifactUri())
        .print(out, style.withMaxCellWidth(200));

    List<Param> params =
        run.data().params().stream().sorted(Comparator.comparing(Param::key)).toList();
    if (!params.isEmpty()) {
      out.println();
      Table table = Table.of("param", "value");
      params.forEach(p -> table.row(p.key(), p.value()));
      table.print(out, style);
    }
    List<Metric> metrics =
        run.data().metrics().stream().sorted(Comparator.comparing(Metric::key)).toList();
    if (!metrics.isEmpty()) {
      out.println();
      Table table = Table.of("metric", "value", "step", "logged");
      metrics.forEach(m -> table.row(m.key(), m.value(), m.step(), Times.instant(m.timestamp())));
      table.print(out, style);
    }
    List<RunTag> tags =
        run.data().tags().stream()
            .filter(t -> allTags || !isSystemTag(t.key()))
            .sorted(Comparator.comparing(RunTag::key))
            .toList();
    if (!tags.isEmpty()) {
      out.println();
      Table table = Table.of("tag", "value");
      tags.forEach(t -> table.row(t.key(), t.value()));
      table.print(out, style);
    }
    if (!run.inputs().isEmpty()) {
      out.println();
      Table table = Table.of("dataset", "digest", "source_type", "source");
      for (DatasetInput input : run.inputs()) {
        table.row(
            input.dataset().name(),
            input.dataset().digest(),
            input.dataset().sourceType(),
            input.dataset().source());
      }
      table.print(out, style);
    }
    out.flush();
    return 0;
  }

  private static boolean isSystemTag(String key) {
    return key.startsWith("mlflow.") || key.startsWith("mledger.");
  }
}
