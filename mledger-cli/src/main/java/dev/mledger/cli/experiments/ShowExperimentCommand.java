package dev.mledger.cli.experiments;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExperimentResolver;
import dev.mledger.cli.tracking.Times;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.cli.tracking.TrackingJson;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mledger experiments show NAME|ID}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show one experiment (active or deleted), by name or id.")
public final class ShowExperimentCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME|ID", description = "Experiment name or id.")
  String experiment;

  @Override
  protected int execute(MledgerClient client) {
    Experiment e = ExperimentResolver.resolve(client, experiment);
    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(out, Map.of("experiment", TrackingJson.experiment(e)));
      return 0;
    }
    TableStyle style = TableStyle.detect().withMaxCellWidth(200);
    Table.of("field", "value")
        .row("experiment_id", e.experimentId())
        .row("name", e.name())
        .row("lifecycle_stage", e.lifecycleStage().wireName())
        .row("artifact_location", e.artifactLocation())
        .row("created", Times.instant(e.creationTime()))
        .row("last_updated", Times.instant(e.lastUpdateTime()))
        .print(out, style);
    if (!e.tags().isEmpty()) {
      out.println();
      Table tags = Table.of("tag", "value");
      for (ExperimentTag tag : e.tags()) {
        tags.row(tag.key(), tag.value());
      }
      tags.print(out, TableStyle.detect());
    }
    return 0;
  }
}
