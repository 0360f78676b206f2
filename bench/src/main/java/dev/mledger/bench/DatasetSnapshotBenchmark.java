package dev.mledger.bench;

import dev.mledger.store.artifact.LocalContentStore;
import dev.mledger.store.dataset.Snapshot;
import dev.mledger.store.dataset.Snapshotter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code mledger data add} throughput: snapshotting one large file and a directory of many small
 * files into a fresh content store, against reading the same bytes with a plain FileChannel loop
 * (the raw disk read speed). The inputs are real random bytes, generated once under {@code
 * bench/target/data/datasets} and reused.
 *
 * <pre>
 *   bench/run DatasetSnapshot -p bigFileMiB=10240 -p smallFiles=100000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class DatasetSnapshotBenchmark {
  /** Size of the large file; 10240 for the 10 GB figure. */
  @Param({"10240"})
  public int bigFileMiB;

  /** Number of small files (1-8 KiB each, 100 per directory). */
  @Param({"100000"})
  public int smallFiles;

  private Path bigFile;
  private Path smallDir;
  private Path storeDir;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    Path base = BenchStores.dir("datasets");
    bigFile = base.resolve("big-" + bigFileMiB + "MiB.bin");
    if (!Files.exists(bigFile) || Files.size(bigFile) != (long) bigFileMiB << 20) {
      SplittableRandom random = new SplittableRandom(42);
      byte[] chunk = new byte[1 << 20];
      try (OutputStream out = Files.newOutputStream(bigFile)) {
        for (int i = 0; i < bigFileMiB; i++) {
          for (int j = 0; j < chunk.length; j += 8) {
            long v = random.nextLong();
            for (int k = 0; k < 8; k++) {
              chunk[j + k] = (byte) (v >>> (8 * k));
            }
          }
          out.write(chunk);
        }
      }
    }
    smallDir = base.resolve("small-" + smallFiles);
    Path done = base.resolve("small-" + smallFiles + ".done");
    if (!Files.exists(done)) {
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < smallFiles; i++) {
        Path dir = smallDir.resolve("d" + (i / 100));
        Files.createDirectories(dir);
        byte[] content = new byte[1024 + random.nextInt(7 * 1024)];
        for (int j = 0; j < content.length; j++) {
          content[j] = (byte) random.nextInt();
        }
        Files.write(dir.resolve("f" + i + ".bin"), content);
      }
      Files.createFile(done);
    }
  }

  @Setup(Level.Iteration)
  public void freshStore() throws IOException {
    storeDir = Files.createTempDirectory(BenchStores.dir("datasets"), "store-");
  }

  @TearDown(Level.Iteration)
  public void dropStore() throws IOException {
    try (Stream<Path> all = Files.walk(storeDir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Snapshot snapshotBigFile() {
    return new Snapshotter(new LocalContentStore(storeDir), Snapshotter.defaultThreads())
        .snapshot(bigFile, n -> {});
  }

  @Benchmark
  public long rawReadBigFile() throws IOException {
    return readAll(bigFile);
  }

  @Benchmark
  public Snapshot snapshotSmallFiles() {
    return new Snapshotter(new LocalContentStore(storeDir), Snapshotter.defaultThreads())
        .snapshot(smallDir, n -> {});
  }

  @Benchmark
  public long rawReadSmallFiles() throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.walk(smallDir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        total += readAll(p);
      }
    }
    return total;
  }

  private static long readAll(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    long total = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      int n;
      while ((n = channel.read(buffer)) >= 0) {
        total += n;
        buffer.clear();
      }
    }
    return total;
  }
}
