package dev.mledger.cli.models;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.Times;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelTag;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mledger models show NAME}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show a registered model: description, tags, aliases, latest version per stage.")
public final class ShowModelCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME", description = "Registered model name.")
  String name;

  @Override
  protected int execute(MledgerClient client) {
    RegisteredModel m = client.registry().getRegisteredModel(name);
    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(out, Map.of("registered_model", ModelsJson.registeredModel(m)));
      return ExitCodes.OK;
    }
    Table.of("field", "value")
        .row("name", m.name())
        .row(
            "description",
            m.description() == null || m.description().isEmpty() ? null : m.description())
        .row("aliases", ModelsText.aliases(m))
        .row("created", Times.instant(m.creationTimestamp()))
        .row("last_updated", Times.instant(m.lastUpdatedTimestamp()))
        .print(out, TableStyle.detect().withMaxCellWidth(200));
    if (!m.tags().isEmpty()) {
      out.println();
      Table tags = Table.of("tag", "value");
      for (RegisteredModelTag tag : m.tags()) {
        tags.row(tag.key(), tag.value());
      }
      tags.print(out, TableStyle.detect());
    }
    if (!m.latestVersions().isEmpty()) {
      out.println();
      Table latest = Table.of("stage", "version", "run", "source");
      for (ModelVersion v : m.latestVersions()) {
        latest.row(v.currentStage().wireName(), v.version(), v.runId(), v.source());
      }
      latest.print(out, TableStyle.detect());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
