package dev.mledger.cli.audit;

import dev.mledger.cli.JsonOutput;
import dev.mledger.core.audit.ChainVerification;
import dev.mledger.store.Stores;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mledger audit verify}: re-computes every hash of the audit chain straight from the
 * database. Exit 0 when intact, 1 at the first broken entry (edited, deleted, reordered, or, with
 * {@code --expect-head}, a truncated tail).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the audit chain directly in the database (the server is not trusted).",
      "Exit 0 when intact, 1 with the first broken entry. A truncated tail is only detectable",
      "against a head hash recorded earlier: pass it with --expect-head."
    })
public final class VerifyAuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Option(
      names = "--expect-head",
      paramLabel = "HASH",
      description = "A head hash printed by an earlier verify; it must still be in the chain.")
  String expectHead;

  @Option(names = "--json", description = "Print exactly one JSON document instead of text.")
  boolean json;

  @Override
  public Integer call() {
    ChainVerification result;
    try (Stores stores = database.open()) {
      result = stores.audit().verify(expectHead);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, result.toJson());
    } else if (result instanceof ChainVerification.Intact intact) {
      out.printf(
          "audit trail intact: %d entries, head %d %s%n",
          intact.entries(), intact.headSequence(), intact.headHash());
    } else if (result instanceof ChainVerification.Broken broken) {
      out.printf(
          "audit trail BROKEN at entry %d (%s): %s%n",
          broken.sequence(), broken.problem().name().toLowerCase(), broken.message());
    }
    out.flush();
    return result.intact() ? 0 : 1;
  }
}
