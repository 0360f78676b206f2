package dev.mledger.bench;

import dev.mledger.core.drift.DriftSettings;
import dev.mledger.core.monitor.AlertEngine;
import dev.mledger.core.monitor.AlertKey;
import dev.mledger.core.monitor.AlertPolicy;
import dev.mledger.core.monitor.AlertState;
import dev.mledger.core.monitor.FeatureSpec;
import dev.mledger.core.monitor.FeatureType;
import dev.mledger.core.monitor.MonitorDefinition;
import dev.mledger.core.monitor.MonitorEvent;
import dev.mledger.core.monitor.ReferenceProfile;
import dev.mledger.core.monitor.Signal;
import dev.mledger.core.monitor.WindowReport;
import dev.mledger.core.monitor.WindowReporter;
import dev.mledger.core.monitor.WindowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The issue-6 target through the monitor path: {@code windows} count windows of {@code windowRows}
 * events × {@code features} numeric features (1M rows in total by default) reported against a
 * reference profile of {@code referenceRows} rows — per window, one KLL sketch per feature, {@code
 * SketchDrift} (KS, Wasserstein, PSI/KL/JS), data quality, then alert signals with
 * Benjamini–Hochberg and the alert state machine. One prepared window of events is reported {@code
 * windows} times (identical work, a tenth of the memory); profiling the reference is outside the
 * timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class MonitorWindowBenchmark {
  @Param("1000000")
  public int referenceRows;

  @Param("100000")
  public int windowRows;

  @Param("10")
  public int windows;

  @Param("50")
  public int features;

  private MonitorDefinition monitor;
  private ReferenceProfile reference;
  private List<MonitorEvent> window;
  private AlertPolicy policy;

  @Setup(Level.Trial)
  public void setUp() {
    List<FeatureSpec> specs = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      specs.add(new FeatureSpec("f" + f, FeatureType.NUMERIC));
    }
    monitor =
        new MonitorDefinition(
            "bench",
            "model",
            "1",
            "dataset:bench@1.0.0",
            specs,
            null,
            new WindowSpec.ByCount(windowRows),
            null);
    SplittableRandom random = new SplittableRandom(42);
    reference = ReferenceProfile.empty(monitor);
    for (int i = 0; i < referenceRows; i++) {
      reference.add(event(random, 0.0));
    }
    window = new ArrayList<>(windowRows);
    for (int i = 0; i < windowRows; i++) {
      window.add(event(random, 0.2));
    }
    policy = AlertPolicy.defaults();
  }

  private MonitorEvent event(SplittableRandom random, double shift) {
    Map<String, Object> values = new HashMap<>(features * 2);
    for (int f = 0; f < features; f++) {
      values.put("f" + f, gaussian(random) + (f % 5 == 0 ? shift : 0));
    }
    return new MonitorEvent(0, values, null, null, 5.0, null);
  }

  @Benchmark
  public int reportWindows() {
    WindowReporter reporter = new WindowReporter(monitor, reference, DriftSettings.defaults());
    AlertEngine engine = new AlertEngine(policy);
    Map<AlertKey, AlertState> states = new LinkedHashMap<>();
    int alerts = 0;
    for (int w = 0; w < windows; w++) {
      WindowReport report = reporter.report(window, w, w + 1);
      AlertEngine.Evaluation e = engine.evaluate(states, Signal.of(report, policy), w);
      states.putAll(e.states());
      alerts += e.transitions().size();
    }
    return alerts;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
