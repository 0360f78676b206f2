package dev.mledger.cli.experiments;

import dev.mledger.cli.output.Table;
import dev.mledger.cli.tracking.Times;
import dev.mledger.core.tracking.Experiment;
import java.util.List;

/** The table of an experiment list. */
final class ExperimentTable {
  private ExperimentTable() {}

  static Table of(List<Experiment> experiments) {
    Table table = Table.of("id", "name", "stage", "created", "artifact_location");
    for (Experiment e : experiments) {
      table.row(
          e.experimentId(),
          e.name(),
          e.lifecycleStage().wireName(),
          Times.instant(e.creationTime()),
          e.artifactLocation());
    }
    return table;
  }
}
