package dev.mledger.cli.runs;

import dev.mledger.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mledger runs}: find, inspect, compare and analyse runs on a tracking server. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Find, inspect, compare and analyse runs on a tracking server.",
    subcommands = {
      ListRunsCommand.class,
      SearchRunsCommand.class,
      ShowRunCommand.class,
      CompareRunsCommand.class,
      BestRunCommand.class,
      EffectCommand.class
    })
public final class RunsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
