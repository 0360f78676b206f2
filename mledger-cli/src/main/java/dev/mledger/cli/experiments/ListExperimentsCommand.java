package dev.mledger.cli.experiments;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.cli.tracking.TrackingJson;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.ViewType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mledger experiments list}: experiments, every page up to the cap. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List experiments (every page), optionally filtered and ordered.")
public final class ListExperimentsCommand extends TrackingCommand {
  private static final int PAGE_SIZE = 1000;

  @Option(
      names = {"-f", "--filter"},
      paramLabel = "FILTER",
      description = "Search filter, e.g. \"name LIKE 'churn%'\" or \"tags.team = 'ads'\".")
  String filter;

  @Option(
      names = {"-o", "--order-by"},
      paramLabel = "KEY [ASC|DESC]",
      description = "Ordering, e.g. \"name ASC\"; repeatable (default: newest first).")
  List<String> orderBy = new ArrayList<>();

  @Option(
      names = {"-n", "--max-results"},
      paramLabel = "N",
      description = "Stop after N experiments (default: all).")
  Integer maxResults;

  @Option(
      names = "--view",
      paramLabel = "active|deleted|all",
      defaultValue = "active",
      description = "Lifecycle stages to include (default: ${DEFAULT-VALUE}).")
  String view;

  @Override
  protected int execute(MledgerClient client) {
    if (maxResults != null && maxResults < 1) {
      throw new CliException(
          "--max-results must be a positive number, got " + maxResults, ExitCodes.USAGE);
    }
    ViewType viewType = viewType(view);
    List<Experiment> experiments = new ArrayList<>();
    String token = null;
    do {
      int want =
          maxResults == null ? PAGE_SIZE : Math.min(PAGE_SIZE, maxResults - experiments.size());
      Page<Experiment> page = client.searchExperiments(filter, viewType, orderBy, want, token);
      experiments.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null && (maxResults == null || experiments.size() < maxResults));

    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(
          out, Map.of("experiments", experiments.stream().map(TrackingJson::experiment).toList()));
    } else if (experiments.isEmpty()) {
      out.println("No experiments found.");
      out.flush();
    } else {
      ExperimentTable.of(experiments).print(out, TableStyle.detect());
    }
    return 0;
  }

  static ViewType viewType(String view) {
    return switch (view.toLowerCase(Locale.ROOT)) {
      case "active" -> ViewType.ACTIVE_ONLY;
      case "deleted" -> ViewType.DELETED_ONLY;
      case "all" -> ViewType.ALL;
      default ->
          throw new CliException(
              "--view must be active, deleted or all, got '" + view + "'", ExitCodes.USAGE);
    };
  }
}
