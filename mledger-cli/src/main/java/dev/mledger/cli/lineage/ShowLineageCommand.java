package dev.mledger.cli.lineage;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.audit.DatabaseOptions;
import dev.mledger.core.lineage.Direction;
import dev.mledger.core.lineage.LineageGraph;
import dev.mledger.core.lineage.LineageSource;
import dev.mledger.core.lineage.MarquezGraph;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Subgraph;
import dev.mledger.store.Stores;
import dev.mledger.store.lineage.LineageSources;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger lineage show NODE}: upstream and/or downstream of a node, as a tree. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show what a node depends on (--upstream), what depends on it (--downstream), or both.",
      "NODE is dataset:NAMESPACE/NAME[@VERSION], job:NAMESPACE/NAME, run:ID, model:NAME/VERSION,",
      "endpoint:NAME, code:COMMIT, artifact:URI, environment:FINGERPRINT, prompt:NAME/VERSION or",
      "evaluation:SET/PROMPT@VERSION/MODEL."
    })
public final class ShowLineageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Parameters(index = "0", paramLabel = "NODE", description = "The node id to start from.")
  String node;

  static final class Which {
    @Option(names = "--upstream", description = "Only dependencies.")
    boolean upstream;

    @Option(names = "--downstream", description = "Only dependents.")
    boolean downstream;
  }

  @ArgGroup(exclusive = true)
  Which which;

  @Option(
      names = "--depth",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many edges away to go (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--json", description = "Print the Marquez graph document instead of a tree.")
  boolean json;

  @Override
  public Integer call() {
    NodeId start = NodeId.parse(node);
    Direction direction =
        which == null ? Direction.BOTH : which.upstream ? Direction.UPSTREAM : Direction.DOWNSTREAM;
    PrintWriter out = spec.commandLine().getOut();
    try (Stores stores = database.open()) {
      LineageSource source = LineageSources.combined(stores.lineage(), stores.registry());
      Subgraph subgraph = new LineageGraph(source).traverse(start, direction, depth);
      if (json) {
        JsonOutput.print(out, MarquezGraph.render(subgraph, source.describe(subgraph.nodes())));
        return 0;
      }
      if (direction != Direction.DOWNSTREAM) {
        out.print(section("upstream", direction, subgraph, Direction.UPSTREAM));
      }
      if (direction != Direction.UPSTREAM) {
        out.print(section("downstream", direction, subgraph, Direction.DOWNSTREAM));
      }
      if (subgraph.truncated()) {
        out.println("(truncated at " + LineageGraph.MAX_NODES + " nodes)");
      }
    }
    out.flush();
    return 0;
  }

  private static String section(
      String title, Direction asked, Subgraph subgraph, Direction direction) {
    String tree = LineageTree.render(subgraph, direction);
    return asked == Direction.BOTH ? title + ":\n" + tree : tree;
  }
}
