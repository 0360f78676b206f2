package dev.mledger.cli.models;

import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.gate.ModelPromotionCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mledger models}: the model registry, promotion gates' enforcement, cards and rollback. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Model registry: list, show, versions, history, stage, alias, register; gate-enforced"
            + " promote, rollback and model cards.",
    subcommands = {
      ListModelsCommand.class,
      ShowModelCommand.class,
      VersionsCommand.class,
      HistoryCommand.class,
      StageCommand.class,
      AliasCommand.class,
      RegisterCommand.class,
      ModelPromotionCommands.Promote.class,
      ModelPromotionCommands.Rollback.class,
      ModelPromotionCommands.Card.class
    })
public final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
