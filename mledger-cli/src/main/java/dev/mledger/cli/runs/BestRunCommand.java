package dev.mledger.cli.runs;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Cells;
import dev.mledger.cli.tracking.RunQuery;
import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.cli.tracking.TrackingJson;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.analysis.BestRun;
import dev.mledger.core.analysis.BestRunSelector;
import dev.mledger.core.analysis.Direction;
import dev.mledger.core.tracking.Run;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mledger runs best --metric M}: the run with the best latest value of a metric. */
@Command(
    name = "best",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "The run with the best latest value of a metric among the matching runs.",
      "Larger is better unless --direction min; the direction is never guessed from the name.",
      "Runs with a missing, NaN or infinite value are skipped; exact ties are listed and the run"
          + " that started first wins."
    })
public final class BestRunCommand extends TrackingCommand {
  @Mixin RunQuery query;

  @Option(
      names = {"-m", "--metric"},
      required = true,
      paramLabel = "KEY",
      description = "The metric to optimize.")
  String metric;

  @Option(
      names = {"-d", "--direction"},
      defaultValue = "max",
      paramLabel = "max|min",
      description = "max: larger is better; min: smaller is better (default: ${DEFAULT-VALUE}).")
  String direction;

  @Override
  protected int execute(MledgerClient client) {
    Direction dir = Direction.fromName(direction);
    BestRun best = BestRunSelector.select(query.fetch(client), metric, dir);
    PrintWriter out = out();
    Run run = best.best();
    if (json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("metric", best.metricKey());
      doc.put("direction", best.direction().wireName());
      doc.put("value", best.value());
      doc.put("run_id", run.info().runId());
      doc.put("run_name", run.info().runName());
      doc.put("tied_with", best.tiedWith().stream().map(r -> r.info().runId()).toList());
      doc.put("candidates", best.candidates());
      doc.put("skipped", best.skipped());
      doc.put("run", TrackingJson.run(run));
      JsonOutput.print(out, doc);
      return 0;
    }
    out.printf(
        "best run: %s (%s)  %s = %s%n",
        run.info().runId(), run.info().runName(), metric, Cells.number(best.value()));
    out.printf(
        "%s over %d %s%s%n",
        dir.wireName(),
        best.candidates(),
        best.candidates() == 1 ? "run" : "runs",
        best.skipped() == 0
            ? ""
            : "; " + best.skipped() + " skipped (metric missing or not finite)");
    if (best.isTie()) {
      out.printf(
          "tied with: %s%n",
          String.join(", ", best.tiedWith().stream().map(r -> r.info().runId()).toList()));
    }
    out.flush();
    return 0;
  }
}
