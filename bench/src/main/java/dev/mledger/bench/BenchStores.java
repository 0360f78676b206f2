package dev.mledger.bench;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import dev.mledger.store.TrackingStore;
import dev.mledger.store.TrackingStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Opens benchmark stores and seeds them with a deterministic synthetic population of runs. */
final class BenchStores {
  static final int PARAMS_PER_RUN = 20;
  static final int METRICS_PER_RUN = 10;

  /**
   * Distinct values per param, so that {@code params.p0 = 'v3'} selects about a tenth of the runs.
   */
  static final int PARAM_CARDINALITY = 10;

  private BenchStores() {}

  static Path dir(String name) throws IOException {
    Path dir = Path.of(System.getProperty("mledger.bench.dir", "bench/target/data")).resolve(name);
    Files.createDirectories(dir);
    return dir;
  }

  static TrackingStore openSqlite(Path dir) {
    return TrackingStores.open(
        "sqlite:///" + dir.toAbsolutePath().resolve("mledger.db"), "mlflow-artifacts:");
  }

  /**
   * Ensures the experiment named {@code name} holds {@code runs} runs of 20 params and 10 metrics
   * each; seeding happens once and the database file is reused by later benchmark runs.
   */
  static String seed(TrackingStore store, String name, int runs) {
    var existing = store.getExperimentByName(name);
    if (existing.isPresent()) {
      return existing.get().experimentId();
    }
    // Seeded under a temporary name and renamed at the end, so an interrupted seeding is never
    // reused.
    String experimentId =
        store.createExperiment(name + "-seeding-" + System.nanoTime(), null, List.of());
    SplittableRandom random = new SplittableRandom(42);
    long start = System.nanoTime();
    long t0 = 1_700_000_000_000L;
    for (int i = 0; i < runs; i++) {
      String runId =
          store
              .createRun(new NewRun(experimentId, "bench", t0 + i, "run-" + i, List.of()))
              .info()
              .runId();
      List<Param> params = new ArrayList<>(PARAMS_PER_RUN);
      for (int p = 0; p < PARAMS_PER_RUN; p++) {
        params.add(new Param("p" + p, "v" + random.nextInt(PARAM_CARDINALITY)));
      }
      List<Metric> metrics = new ArrayList<>(METRICS_PER_RUN);
      for (int m = 0; m < METRICS_PER_RUN; m++) {
        metrics.add(new Metric("m" + m, random.nextDouble(), t0 + i, 0));
      }
      store.logBatch(runId, metrics, params, List.<RunTag>of());
      if ((i + 1) % 10_000 == 0) {
        double secs = (System.nanoTime() - start) / 1e9;
        System.err.printf("seeded %,d / %,d runs (%.0f runs/s)%n", i + 1, runs, (i + 1) / secs);
      }
    }
    store.renameExperiment(experimentId, name);
    return experimentId;
  }
}
