package dev.mledger.cli.experiments;

import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mledger experiments delete NAME|ID}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Soft-delete an experiment and its runs ('experiments restore' undoes it).")
public final class DeleteExperimentCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME|ID", description = "Experiment name or id.")
  String experiment;

  @Override
  protected int execute(MledgerClient client) {
    return LifecycleChange.apply(client, experiment, true, out(), json());
  }
}
