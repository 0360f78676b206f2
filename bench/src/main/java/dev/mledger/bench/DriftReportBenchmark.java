package dev.mledger.bench;

import dev.mledger.core.drift.DriftAnalysis;
import dev.mledger.core.drift.DriftInput;
import dev.mledger.core.drift.DriftReport;
import dev.mledger.core.drift.DriftSettings;
import java.util.ArrayList;
import java.util.List;
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
 * The issue-6 target: a full drift report (sort, KS with asymptotic p-value, Wasserstein, quantile
 * bins with PSI/KL/JS, moments and verdict per feature) over {@code features} numeric features of
 * {@code rows} current rows against {@code rows} reference rows, on all available cores. Every
 * fifth feature is shifted so both verdict branches run. Input generation is outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class DriftReportBenchmark {
  @Param("1000000")
  public int rows;

  @Param("50")
  public int features;

  private List<DriftInput> inputs;
  private DriftSettings settings;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    inputs = new ArrayList<>(features);
    for (int f = 0; f < features; f++) {
      double shift = f % 5 == 0 ? 0.2 : 0.0;
      double[] reference = new double[rows];
      double[] current = new double[rows];
      for (int i = 0; i < rows; i++) {
        reference[i] = gaussian(random);
        current[i] = gaussian(random) + shift;
      }
      inputs.add(new DriftInput.Numeric("f" + f, reference, current));
    }
    settings = DriftSettings.defaults();
  }

  @Benchmark
  public DriftReport report() {
    return DriftAnalysis.report(inputs, settings);
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
