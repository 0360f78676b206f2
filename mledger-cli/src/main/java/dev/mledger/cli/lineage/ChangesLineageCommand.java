package dev.mledger.cli.lineage;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.audit.DatabaseOptions;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.lineage.DependencyClosure;
import dev.mledger.core.lineage.LineageGraph;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.UpstreamChange;
import dev.mledger.store.Stores;
import dev.mledger.store.lineage.LineageSources;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger lineage changes MODEL}: what moved on upstream of a model version. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = {
      "Newer dataset versions and code versions upstream of a model version than the ones it was",
      "built on: later versions of its mledger datasets, and commits of later runs in the",
      "experiments of its training runs."
    })
public final class ChangesLineageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Parameters(index = "0", paramLabel = "MODEL", description = "model:NAME/VERSION")
  String model;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    if (!(NodeId.parse(model) instanceof NodeId.Model node)) {
      throw MledgerException.invalidParameter(
          "Upstream changes are defined for model versions (model:NAME/VERSION), got '"
              + model
              + "'.");
    }
    DependencyClosure closure;
    List<UpstreamChange> changes;
    try (Stores stores = database.open()) {
      closure =
          new LineageGraph(LineageSources.combined(stores.lineage(), stores.registry()))
              .dependencyClosure(node);
      changes = stores.lineage().upstreamChanges(closure);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("model", node.id());
      doc.put("changes", changes.stream().map(UpstreamChange::toJson).toList());
      doc.put("complete", closure.complete());
      JsonOutput.print(out, doc);
      return 0;
    }
    if (changes.isEmpty()) {
      out.println(node.id() + ": nothing upstream has moved on");
    }
    for (UpstreamChange c : changes) {
      out.printf("%-16s %s -> %s%n", c.kind(), c.used().id(), c.newer().id());
    }
    if (!closure.complete()) {
      out.println("(the dependency closure was cut at its node limit; more may have changed)");
    }
    out.flush();
    return 0;
  }
}
