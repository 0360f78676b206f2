package dev.mledger.cli.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mledger audit}: the hash-chained audit trail. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Inspect and verify the append-only, hash-chained audit trail.",
    subcommands = {VerifyAuditCommand.class, AuditLogCommand.class, CommandLine.HelpCommand.class})
public final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
