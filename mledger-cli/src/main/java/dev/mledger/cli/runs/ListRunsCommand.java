package dev.mledger.cli.runs;

import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.RunQuery;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mledger runs list}: runs of experiments, newest first unless ordered otherwise. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List runs (every page), optionally filtered and ordered.")
public final class ListRunsCommand extends TrackingCommand {
  @Mixin RunQuery query;

  @Option(
      names = {"-c", "--columns"},
      split = ",",
      paramLabel = "COLUMN",
      description = "Extra columns: metrics.KEY, params.KEY or tags.KEY (comma-separated).")
  List<String> columns = new ArrayList<>();

  @Override
  protected int execute(MledgerClient client) {
    return RunListing.listAndPrint(client, out(), json(), query, columns);
  }
}
