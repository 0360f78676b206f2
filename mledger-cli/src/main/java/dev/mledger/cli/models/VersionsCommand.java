package dev.mledger.cli.models;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.Times;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.RegistryClient;
import dev.mledger.core.registry.ModelVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mledger models versions NAME}: every version, newest first. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the versions of a registered model, newest first.")
public final class VersionsCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME", description = "Registered model name.")
  String name;

  @Override
  protected int execute(MledgerClient client) {
    RegistryClient registry = client.registry();
    // An unknown model must not look like a model without versions.
    registry.getRegisteredModel(name);
    List<ModelVersion> versions = registry.versionsOf(name);
    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(out, Map.of("model_versions", ModelsJson.versions(versions)));
      return ExitCodes.OK;
    }
    if (versions.isEmpty()) {
      out.println("Model '" + name + "' has no versions.");
      out.flush();
      return ExitCodes.OK;
    }
    Table table = Table.of("version", "stage", "aliases", "status", "run", "created", "source");
    for (ModelVersion v : versions) {
      table.row(
          v.version(),
          v.currentStage().wireName(),
          v.aliases().isEmpty() ? null : String.join(", ", v.aliases()),
          v.status().name(),
          v.runId(),
          Times.instant(v.creationTimestamp()),
          v.source());
    }
    table.print(out, TableStyle.detect());
    return ExitCodes.OK;
  }
}
