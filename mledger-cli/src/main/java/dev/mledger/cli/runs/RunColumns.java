package dev.mledger.cli.runs;

import dev.mledger.cli.CliException;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.Times;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.List;

/** The table of a run list: fixed attribute columns plus the metrics, params and tags asked for. */
final class RunColumns {
  private static final List<String> FIXED =
      List.of("run_id", "run_name", "experiment", "status", "started", "duration");

  private final List<String> extra;

  private RunColumns(List<String> extra) {
    this.extra = extra;
  }

  /**
   * Validates extra column keys: {@code metrics.KEY}, {@code params.KEY} or {@code tags.KEY}.
   *
   * @throws CliException for any other key
   */
  static RunColumns of(List<String> keys) {
    List<String> extra = new ArrayList<>();
    for (String key : keys) {
      String k = key.strip();
      if (!(k.startsWith("metrics.") || k.startsWith("params.") || k.startsWith("tags."))
          || k.indexOf('.') == k.length() - 1) {
        throw new CliException(
            "--columns entries look like metrics.KEY, params.KEY or tags.KEY, got '" + key + "'",
            ExitCodes.USAGE);
      }
      extra.add(k);
    }
    return new RunColumns(List.copyOf(extra));
  }

  Table table(List<Run> runs) {
    List<String> headers = new ArrayList<>(FIXED);
    headers.addAll(extra);
    Table table = Table.of(headers.toArray(String[]::new));
    for (Run run : runs) {
      List<Object> cells = new ArrayList<>();
      cells.add(run.info().runId());
      cells.add(run.info().runName());
      cells.add(run.info().experimentId());
      cells.add(run.info().status().name());
      cells.add(Times.instant(run.info().startTime()));
      cells.add(Times.duration(run.info().startTime(), run.info().endTime()));
      for (String key : extra) {
        cells.add(value(run, key));
      }
      table.row(cells.toArray());
    }
    return table;
  }

  private static Object value(Run run, String column) {
    int dot = column.indexOf('.');
    String kind = column.substring(0, dot);
    String key = column.substring(dot + 1);
    switch (kind) {
      case "metrics" -> {
        for (Metric metric : run.data().metrics()) {
          if (metric.key().equals(key)) {
            return metric.value();
          }
        }
      }
      case "params" -> {
        for (Param param : run.data().params()) {
          if (param.key().equals(key)) {
            return param.value();
          }
        }
      }
      default -> {
        for (RunTag tag : run.data().tags()) {
          if (tag.key().equals(key)) {
            return tag.value();
          }
        }
      }
    }
    return null;
  }
}
