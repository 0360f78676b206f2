package dev.mledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code mledger} command line. */
@Command(
    name = "mledger",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The system of record for machine learning.",
    subcommands = {
      ServerCommand.class,
      StatsCommand.class,
      DriftCommand.class,
      dev.mledger.cli.data.DataCommand.class,
      dev.mledger.cli.gate.GateCommand.class,
      dev.mledger.cli.models.ModelsCommand.class,
      dev.mledger.cli.runs.RunsCommand.class,
      dev.mledger.cli.experiments.ExperimentsCommand.class,
      dev.mledger.cli.completion.CompletionCommand.class,
      SyncCommand.class,
      dev.mledger.cli.repro.ReproCommand.class,
      dev.mledger.cli.repro.ReplayCommand.class,
      dev.mledger.cli.artifacts.ArtifactsCommand.class,
      dev.mledger.cli.llm.PromptsCommand.class,
      dev.mledger.cli.llm.TracesCommand.class,
      dev.mledger.cli.lineage.LineageCommand.class,
      dev.mledger.cli.audit.AuditCommand.class,
      dev.mledger.cli.monitor.MonitorCommand.class,
      dev.mledger.cli.demo.DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** A configured command line; tests drive it directly instead of spawning a JVM. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new CliErrorHandler());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
