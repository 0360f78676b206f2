package dev.mledger.cli.experiments;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.tracking.ExperimentResolver;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.Experiment;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mledger experiments rename NAME|ID NEW_NAME}. */
@Command(
    name = "rename",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Rename an experiment.")
public final class RenameExperimentCommand extends TrackingCommand {
  @Parameters(index = "0", paramLabel = "NAME|ID", description = "Experiment name or id.")
  String experiment;

  @Parameters(index = "1", paramLabel = "NEW_NAME", description = "Its new name.")
  String newName;

  @Override
  protected int execute(MledgerClient client) {
    Experiment e = ExperimentResolver.resolve(client, experiment);
    client.renameExperiment(e.experimentId(), newName);
    if (json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("experiment_id", e.experimentId());
      doc.put("old_name", e.name());
      doc.put("name", newName);
      JsonOutput.print(out(), doc);
    } else {
      out().printf("renamed experiment %s '%s' to '%s'%n", e.experimentId(), e.name(), newName);
      out().flush();
    }
    return 0;
  }
}
