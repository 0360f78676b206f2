package dev.mledger.cli.models;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.Times;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.RegistryClient;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.tracking.Page;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mledger models list}: registered models, every page up to the cap. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List registered models with their latest version per stage and their aliases.")
public final class ListModelsCommand extends TrackingCommand {
  // The server's maximum page size for registered-model search.
  private static final int PAGE_SIZE = 1000;

  @Option(
      names = {"-f", "--filter"},
      paramLabel = "FILTER",
      description = "Search filter, e.g. \"name LIKE 'churn%'\" or \"tags.team = 'ads'\".")
  String filter;

  @Option(
      names = {"-o", "--order-by"},
      paramLabel = "KEY [ASC|DESC]",
      description = "Ordering, e.g. \"last_updated_timestamp DESC\"; repeatable (default: name).")
  List<String> orderBy = new ArrayList<>();

  @Option(
      names = {"-n", "--max-results"},
      paramLabel = "N",
      description = "Stop after N models (default: all).")
  Integer maxResults;

  @Override
  protected int execute(MledgerClient client) {
    if (maxResults != null && maxResults < 1) {
      throw new CliException(
          "--max-results must be a positive number, got " + maxResults, ExitCodes.USAGE);
    }
    RegistryClient registry = client.registry();
    List<RegisteredModel> models = new ArrayList<>();
    String token = null;
    do {
      int want = maxResults == null ? PAGE_SIZE : Math.min(PAGE_SIZE, maxResults - models.size());
      Page<RegisteredModel> page = registry.searchRegisteredModels(filter, orderBy, want, token);
      models.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null && (maxResults == null || models.size() < maxResults));

    PrintWriter out = out();
    if (json()) {
      JsonOutput.print(
          out,
          Map.of("registered_models", models.stream().map(ModelsJson::registeredModel).toList()));
      return ExitCodes.OK;
    }
    if (models.isEmpty()) {
      out.println("No registered models found.");
      out.flush();
      return ExitCodes.OK;
    }
    Table table = Table.of("name", "latest versions", "aliases", "last updated", "description");
    for (RegisteredModel m : models) {
      table.row(
          m.name(),
          ModelsText.latest(m.latestVersions()),
          ModelsText.aliases(m),
          Times.instant(m.lastUpdatedTimestamp()),
          m.description() == null || m.description().isEmpty() ? null : m.description());
    }
    table.print(out, TableStyle.detect());
    return ExitCodes.OK;
  }
}
