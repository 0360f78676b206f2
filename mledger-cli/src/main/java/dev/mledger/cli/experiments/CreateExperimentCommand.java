package dev.mledger.cli.experiments;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.ExperimentTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mledger experiments create NAME}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Create an experiment and print its id.")
public final class CreateExperimentCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME", description = "Name of the new experiment.")
  String name;

  @Option(
      names = "--artifact-location",
      paramLabel = "URI",
      description = "Where its runs store artifacts (default: chosen by the server).")
  String artifactLocation;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "KEY=VALUE",
      description = "A tag to set; repeatable.")
  List<String> tags = new ArrayList<>();

  @Override
  protected int execute(MledgerClient client) {
    List<ExperimentTag> parsed = new ArrayList<>();
    for (String tag : tags) {
      int eq = tag.indexOf('=');
      if (eq <= 0) {
        throw new CliException(
            "--tag must look like KEY=VALUE, got '" + tag + "'", ExitCodes.USAGE);
      }
      parsed.add(new ExperimentTag(tag.substring(0, eq), tag.substring(eq + 1)));
    }
    String id = client.createExperiment(name, artifactLocation, parsed);
    if (json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("experiment_id", id);
      doc.put("name", name);
      JsonOutput.print(out(), doc);
    } else {
      out().printf("created experiment '%s' with id %s%n", name, id);
      out().flush();
    }
    return 0;
  }
}
