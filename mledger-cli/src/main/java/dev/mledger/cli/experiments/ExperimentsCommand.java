package dev.mledger.cli.experiments;

import dev.mledger.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mledger experiments}: list, inspect and manage experiments. */
@Command(
    name = "experiments",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List, show, create, rename, delete and restore experiments.",
    subcommands = {
      ListExperimentsCommand.class,
      ShowExperimentCommand.class,
      CreateExperimentCommand.class,
      RenameExperimentCommand.class,
      DeleteExperimentCommand.class,
      RestoreExperimentCommand.class
    })
public final class ExperimentsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
