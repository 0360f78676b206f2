package dev.mledger.cli.audit;

import dev.mledger.cli.JsonOutput;
import dev.mledger.core.audit.AuditEntry;
import dev.mledger.store.Stores;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mledger audit log}: the audit entries, oldest first. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "List audit entries, oldest first, read from the database.")
public final class AuditLogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Option(
      names = "--after",
      paramLabel = "SEQ",
      defaultValue = "0",
      description = "Only entries after this sequence number (default: ${DEFAULT-VALUE}).")
  long after;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "At most this many entries (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print exactly one JSON document instead of text.")
  boolean json;

  @Override
  public Integer call() {
    List<AuditEntry> entries;
    try (Stores stores = database.open()) {
      entries = stores.audit().list(after, limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, Map.of("entries", entries.stream().map(AuditEntry::toJson).toList()));
      return 0;
    }
    for (AuditEntry e : entries) {
      out.printf(
          "%6d  %s  %-16s %s  %s:%s  %s%n",
          e.sequence(),
          Instant.ofEpochMilli(e.timestamp()),
          e.actor(),
          e.action(),
          e.subjectType(),
          e.subjectId(),
          e.hash().substring(0, 12));
    }
    if (entries.isEmpty()) {
      out.println("no audit entries" + (after > 0 ? " after " + after : ""));
    }
    out.flush();
    return 0;
  }
}
