package dev.mledger.cli.experiments;

import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mledger experiments restore NAME|ID}. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Restore a deleted experiment and its runs.")
public final class RestoreExperimentCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME|ID", description = "Experiment name or id.")
  String experiment;

  @Override
  protected int execute(MledgerClient client) {
    return LifecycleChange.apply(client, experiment, false, out(), json());
  }
}
