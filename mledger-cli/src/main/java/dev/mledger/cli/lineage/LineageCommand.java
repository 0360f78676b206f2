package dev.mledger.cli.lineage;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mledger lineage}: the lineage graph. */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description =
        "Explore the lineage graph of datasets, jobs, runs, code, environments, models, prompts,"
            + " evaluations and endpoints.",
    subcommands = {
      ShowLineageCommand.class,
      EvaluationsLineageCommand.class,
      ChangesLineageCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LineageCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
