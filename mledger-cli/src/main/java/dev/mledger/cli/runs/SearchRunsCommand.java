package dev.mledger.cli.runs;

import dev.mledger.cli.CliException;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.RunQuery;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mledger runs search}: runs matching a filter (required). */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Search runs with a filter (every page).",
      "Example: mledger runs search -e churn -f \"metrics.auc > 0.9 OR params.model = 'gbm'\""
    })
public final class SearchRunsCommand extends TrackingCommand {
  @Mixin RunQuery query;

  @Option(
      names = {"-c", "--columns"},
      split = ",",
      paramLabel = "COLUMN",
      description = "Extra columns: metrics.KEY, params.KEY or tags.KEY (comma-separated).")
  List<String> columns = new ArrayList<>();

  @Override
  protected int execute(MledgerClient client) {
    if (query.filter() == null || query.filter().isBlank()) {
      throw new CliException(
          "runs search needs --filter, e.g. --filter \"metrics.acc > 0.9\" (runs list shows all"
              + " runs)",
          ExitCodes.USAGE);
    }
    return RunListing.listAndPrint(client, out(), json(), query, columns);
  }
}
