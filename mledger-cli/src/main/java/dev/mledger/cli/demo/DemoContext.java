package dev.mledger.cli.demo;

import dev.mledger.client.MledgerClient;
import dev.mledger.client.Tracker;
import java.nio.file.Path;

/**
 * What every demo step works with: the server's public APIs (SDK client and tracker, native JSON
 * calls), where the demo's files live, and the seed everything random derives from.
 *
 * @param dataDir the server's data directory (datasets are snapshotted into its embedded store)
 * @param workDir where the pipeline's files, the gate file and the model files are written
 */
record DemoContext(
    Path dataDir,
    Path workDir,
    long seed,
    MledgerClient client,
    Tracker tracker,
    DemoApi api,
    Progress progress) {
  static final String EXPERIMENT = "demo-regression";
  static final String MODEL = "demo-regressor";
  static final String ENDPOINT = "demo-regressor-prod";
  static final String MONITOR = "demo-regressor-prod";
  static final String RAW = "demo-raw";
  static final String CLEAN = "demo-clean";
  static final String FEATURES = "demo-features";

  /** Replicates per configuration. */
  static final int SEEDS = 5;

  Path pipelineDir() {
    return workDir.resolve("data");
  }

  DatasetSnapshots snapshots() {
    return new DatasetSnapshots(dataDir);
  }
}
