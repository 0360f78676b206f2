package dev.mledger.cli.models;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.Times;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.registry.StageTransition;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mledger models history NAME}: every stage and alias change, oldest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show every stage and alias change of a model, oldest first, with who, when, why and the"
          + " approval. The history outlives deleted versions and models."
    })
public final class HistoryCommand extends TrackingCommand {
  @Parameters(paramLabel = "NAME", description = "Registered model name.")
  String name;

  @Override
  protected int execute(MledgerClient client) {
    List<StageTransition> history = client.registry().history(name);
    PrintWriter out = out();
    if (json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", name);
      json.put("history", history.stream().map(ModelsJson::historyEntry).toList());
      JsonOutput.print(out, json);
      return ExitCodes.OK;
    }
    if (history.isEmpty()) {
      out.println("No stage or alias changes recorded for model '" + name + "'.");
      out.flush();
      return ExitCodes.OK;
    }
    Table table = Table.of("time", "version", "change", "actor", "reason", "approval");
    for (StageTransition entry : history) {
      table.row(
          Times.instant(entry.timestamp()),
          entry.version(),
          ModelsText.change(entry),
          entry.actor(),
          entry.reason(),
          ModelsText.approval(entry));
    }
    table.print(out, TableStyle.detect());
    return ExitCodes.OK;
  }
}
