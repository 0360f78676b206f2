package dev.mledger.cli.runs;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.RunQuery;
import dev.mledger.cli.tracking.TrackingJson;
import dev.mledger.core.tracking.Run;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a list of runs as a table or as {@code {"runs": [...]}}. */
final class RunListing {
  private RunListing() {}

  static void print(PrintWriter out, boolean json, List<Run> runs, RunColumns columns) {
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("runs", runs.stream().map(TrackingJson::run).toList());
      JsonOutput.print(out, doc);
      return;
    }
    if (runs.isEmpty()) {
      out.println("No runs found.");
      out.flush();
      return;
    }
    columns.table(runs).print(out, TableStyle.detect());
  }

  static int listAndPrint(
      dev.mledger.client.MledgerClient client,
      PrintWriter out,
      boolean json,
      RunQuery query,
      List<String> columnKeys) {
    RunColumns columns = RunColumns.of(columnKeys);
    print(out, json, query.fetch(client), columns);
    return 0;
  }
}
