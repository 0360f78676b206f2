package dev.mledger.cli.data;

import dev.mledger.cli.JsonOutput;
import dev.mledger.core.dataset.DatasetNames;
import dev.mledger.core.dataset.DatasetRef;
import dev.mledger.core.dataset.PointerFile;
import dev.mledger.core.dataset.SemanticVersion;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.dataset.DatasetEvent;
import dev.mledger.store.dataset.DatasetVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger data rollback N [--to v]}: make an earlier version current again. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Makes an earlier version current again (default: the version that was current before the",
      "current one), records a rollback event and rewrites the pointer file. Nothing is deleted."
    })
public final class RollbackDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--to", paramLabel = "VERSION", description = "The version to make current.")
  String toVersion;

  @Option(names = "--reason", description = "Why (recorded with the event).")
  String reason;

  @Option(
      names = "--pointer",
      description = "Pointer file to rewrite (default: ./NAME.mledger when it exists).")
  Path pointer;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    DatasetNames.requireValid(name);
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      DatasetVersion current = ws.datasets().get(DatasetRef.parse(name));
      SemanticVersion target =
          toVersion != null ? SemanticVersion.parse(toVersion) : previous(ws, current);
      DatasetEvent event = ws.datasets().rollback(name, target, DataWorkspace.actor(), reason);
      DatasetVersion now = ws.get(name + "@" + target);
      Path pointerFile = pointer != null ? pointer : Path.of(name + PointerFile.EXTENSION);
      boolean rewrite = pointer != null || Files.isRegularFile(pointerFile);
      if (rewrite) {
        Pointers.write(pointerFile, now.pointer());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> doc = DataJson.event(event);
        doc.put("name", name);
        doc.put("pointer_file", rewrite ? pointerFile.toAbsolutePath().toString() : null);
        JsonOutput.print(out, doc);
      } else {
        out.printf("Rolled back %s: current version %s -> %s%n", name, current.version(), target);
        if (rewrite) {
          out.printf(
              "  pointer %s (run 'mledger data checkout %s' to restore the files)%n",
              pointerFile, pointerFile);
        }
        out.flush();
      }
    }
    return 0;
  }

  /** The version that was current before the current one became current. */
  private static SemanticVersion previous(DataWorkspace ws, DatasetVersion current) {
    List<DatasetEvent> events = ws.datasets().events(current.name());
    for (int i = events.size() - 1; i >= 0; i--) {
      DatasetEvent e = events.get(i);
      if (e.version().equals(current.version()) && e.previous() != null) {
        return e.previous();
      }
    }
    throw MledgerException.invalidState(
        current.ref() + " has no earlier current version; name one with --to VERSION");
  }
}
