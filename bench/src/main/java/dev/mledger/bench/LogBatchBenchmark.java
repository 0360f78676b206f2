package dev.mledger.bench;

import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Param;
import dev.mledger.core.tracking.RunTag;
import dev.mledger.store.NewRun;
import dev.mledger.store.TrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** One log-batch of 1000 metrics into the SQLite store: a single transaction. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogBatchBenchmark {
  private TrackingStore store;
  private String runId;
  private long step;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory(BenchStores.dir("tmp"), "logbatch");
    store = BenchStores.openSqlite(dir);
    String exp = store.createExperiment("log-batch", null, List.of());
    runId =
        store
            .createRun(new NewRun(exp, "bench", System.currentTimeMillis(), "r", List.of()))
            .info()
            .runId();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public void logBatchOf1000Metrics() {
    List<Metric> metrics = new ArrayList<>(1000);
    long now = System.currentTimeMillis();
    long s = step++;
    for (int i = 0; i < 1000; i++) {
      metrics.add(new Metric("metric_" + (i % 10), i * 0.001, now, s * 100 + i / 10));
    }
    store.logBatch(runId, metrics, List.<Param>of(), List.<RunTag>of());
  }
}
