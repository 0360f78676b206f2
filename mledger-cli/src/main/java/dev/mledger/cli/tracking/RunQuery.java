package dev.mledger.cli.tracking;

import dev.mledger.cli.CliException;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Which runs a command works on: experiments, a filter in the search grammar, ordering, a cap and
 * lifecycle view. Fetches every page up to the cap.
 */
public final class RunQuery {
  /** Runs requested per page: large pages, few round trips, bounded memory per response. */
  static final int DEFAULT_PAGE_SIZE = 1000;

  @Option(
      names = "--page-size",
      hidden = true,
      defaultValue = "1000",
      description = "Runs fetched per request (for debugging paging).")
  int pageSize = DEFAULT_PAGE_SIZE;

  @Option(
      names = {"-e", "--experiment"},
      paramLabel = "NAME|ID",
      split = ",",
      description = "Experiment name or id; repeat or comma-separate (default: every active one).")
  List<String> experiments = new ArrayList<>();

  @Option(
      names = {"-f", "--filter"},
      paramLabel = "FILTER",
      description =
          "Search filter, e.g. \"metrics.acc > 0.9 AND params.model = 'gbm'\" (OR and parentheses"
              + " allowed).")
  String filter;

  @Option(
      names = {"-o", "--order-by"},
      paramLabel = "KEY [ASC|DESC]",
      description =
          "Ordering, e.g. \"metrics.acc DESC\"; repeatable (default: start time, newest"
              + " first).")
  List<String> orderBy = new ArrayList<>();

  @Option(
      names = {"-n", "--max-results"},
      paramLabel = "N",
      description = "Stop after N runs (default: all matching runs, fetched page by page).")
  Integer maxResults;

  @Option(
      names = "--view",
      paramLabel = "active|deleted|all",
      defaultValue = "active",
      description = "Lifecycle stages to include (default: ${DEFAULT-VALUE}).")
  String view;

  /** The experiment names/ids as given. */
  public List<String> experiments() {
    return List.copyOf(experiments);
  }

  /** The filter as given, or null. */
  public String filter() {
    return filter;
  }

  /** Runs matching the query, in the server's order, at most {@code --max-results}. */
  public List<Run> fetch(MledgerClient client) {
    if (pageSize < 1) {
      throw new CliException("--page-size must be positive, got " + pageSize, ExitCodes.USAGE);
    }
    if (maxResults != null && maxResults < 1) {
      throw new CliException(
          "--max-results must be a positive number, got " + maxResults, ExitCodes.USAGE);
    }
    ViewType viewType = viewType();
    List<String> experimentIds = ExperimentResolver.resolveIds(client, experiments);
    List<Run> runs = new ArrayList<>();
    if (experimentIds.isEmpty()) {
      return runs;
    }
    String token = null;
    do {
      int want = maxResults == null ? pageSize : Math.min(pageSize, maxResults - runs.size());
      Page<Run> page = client.searchRuns(experimentIds, filter, viewType, orderBy, want, token);
      runs.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null && (maxResults == null || runs.size() < maxResults));
    return runs;
  }

  private ViewType viewType() {
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
