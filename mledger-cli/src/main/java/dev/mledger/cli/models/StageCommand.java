package dev.mledger.cli.models;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.Stage;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mledger models stage NAME VERSION STAGE}: an audited stage transition. It is not gated;
 * {@code models promote} is the gate-enforced way into production.
 */
@Command(
    name = "stage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Move a version to a stage (None, Staging, Production, Archived; any capitalisation),"
          + " recording actor, reason and approval in the history.",
      "Not gated: use 'mledger models promote' to enforce a passing gate decision."
    })
public final class StageCommand extends TrackingCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Registered model name.")
  String name;

  @Parameters(index = "1", paramLabel = "VERSION", description = "Version number.")
  String version;

  @Parameters(index = "2", paramLabel = "STAGE", description = "Target stage.")
  String stage;

  @Option(
      names = "--archive-existing",
      description = "Move the other versions in the (Staging or Production) target to Archived.")
  boolean archiveExisting;

  @Mixin ChangeOptions change;

  @Override
  protected int execute(MledgerClient client) {
    Stage target = Stage.parse(stage);
    ModelVersion moved =
        client.registry().transitionStage(name, version, target, archiveExisting, change.context());
    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(out, Map.of("model_version", ModelsJson.modelVersion(moved)));
      return ExitCodes.OK;
    }
    out.println(
        "Model "
            + moved.name()
            + " version "
            + moved.version()
            + " is now in stage "
            + moved.currentStage().wireName()
            + (archiveExisting && target.isActive() ? " (other versions archived)" : "")
            + ".");
    out.flush();
    return ExitCodes.OK;
  }
}
