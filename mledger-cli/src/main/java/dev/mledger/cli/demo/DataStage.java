package dev.mledger.cli.demo;

import java.util.List;

/**
 * Runs the data pipeline once and records it: the three files are snapshotted as versions of {@code
 * demo-raw}, {@code demo-clean} and {@code demo-features}, and the two pipeline jobs are reported
 * to lineage as OpenLineage events (raw → clean → features).
 */
final class DataStage {
  private DataStage() {}

  /** The versions one pipeline run recorded, and the rows training reads. */
  record Recorded(
      DataPipeline.Output output,
      LineageEvents.FileVersion raw,
      LineageEvents.FileVersion clean,
      LineageEvents.FileVersion features) {
    List<DataPipeline.Row> rows() {
      return output.rows();
    }
  }

  static Recorded run(DemoContext ctx, long seed, List<DataPipeline.Batch> batches, String origin) {
    DataPipeline.Output output = DataPipeline.run(ctx.pipelineDir(), seed, batches);
    DatasetSnapshots snapshots = ctx.snapshots();
    var raw =
        new LineageEvents.FileVersion(
            output.raw(), snapshots.add(output.raw(), DemoContext.RAW, origin));
    var clean =
        new LineageEvents.FileVersion(
            output.clean(),
            snapshots.add(
                output.clean(), DemoContext.CLEAN, "mledger-demo/clean of " + raw.version().ref()));
    var features =
        new LineageEvents.FileVersion(
            output.features(),
            snapshots.add(
                output.features(),
                DemoContext.FEATURES,
                "mledger-demo/featurize of " + clean.version().ref()));
    ctx.api().post("/api/v1/lineage", LineageEvents.complete("clean", raw, clean));
    ctx.api().post("/api/v1/lineage", LineageEvents.complete("featurize", clean, features));
    return new Recorded(output, raw, clean, features);
  }
}
