package dev.mledger.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mledger data}: versioned datasets on the local store (the same {@code --data} directory
 * and {@code --store} as {@code mledger server}). The commands work on the store directly, not
 * through a server's HTTP API; a server on the same store serves what they record.
 */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Versioned datasets: snapshot, restore, compare and check data.",
    subcommands = {
      AddDataCommand.class,
      ListDataCommand.class,
      ShowDataCommand.class,
      CheckoutDataCommand.class,
      RollbackDataCommand.class,
      DiffDataCommand.class,
      CheckDataCommand.class,
      GcDataCommand.class
    })
public final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
