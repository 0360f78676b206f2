package dev.mledger.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalContentStore#collect}: mark by the owner, grace period, dry run, concurrent puts. */
class BlobCollectionTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private void age(LocalContentStore store, ContentRef ref, Duration by) throws IOException {
    Files.setLastModifiedTime(store.blobPath(ref.sha256()), FileTime.from(Instant.now().minus(by)));
  }

  @Test
  void dryRunCountsWhatARealRunRemoves() throws IOException {
    LocalContentStore store = new LocalContentStore(dir);
    ContentRef kept = store.put(bytes("referenced"));
    ContentRef garbage = store.put(bytes("garbage!"));
    ContentRef young = store.put(bytes("young and unreferenced"));
    age(store, kept, Duration.ofHours(2));
    age(store, garbage, Duration.ofHours(2));
    List<List<String>> asked = new ArrayList<>();

    BlobCollection dry =
        store.collect(
            candidates -> {
              asked.add(candidates);
              return Set.of(kept.sha256());
            },
            HOUR,
            true,
            LocalContentStore.SweepProgress.NONE);

    assertThat(dry).isEqualTo(new BlobCollection(true, 3, 10 + 8 + 22, 1, 1, 1, 8, 0, 0, 0, 0));
    assertThat(asked.stream().flatMap(List::stream))
        .containsExactlyInAnyOrder(kept.sha256(), garbage.sha256());
    assertThat(store.exists(garbage.sha256())).isTrue();

    List<Integer> progress = new ArrayList<>();
    BlobCollection real =
        store.collect(
            candidates -> Set.of(kept.sha256()),
            HOUR,
            false,
            (done, total, scanned) -> progress.add(done));

    assertThat(real.removed()).isEqualTo(1);
    assertThat(real.bytesFreed()).isEqualTo(8);
    assertThat(progress).isNotEmpty().isSorted();
    assertThat(store.exists(garbage.sha256())).isFalse();
    assertThat(store.exists(kept.sha256())).isTrue();
    assertThat(store.exists(young.sha256())).isTrue();
    try (InputStream in = store.open(kept.sha256())) {
      assertThat(in.readAllBytes()).isEqualTo("referenced".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aBlobRePutWhileItIsBeingCollectedIsKept() throws IOException {
    LocalContentStore store = new LocalContentStore(dir);
    ContentRef ref = store.put(bytes("deduplicated by a concurrent add"));
    age(store, ref, Duration.ofHours(3));

    // The re-put lands after the blob was judged old, before it is removed.
    BlobCollection c =
        store.collect(
            candidates -> {
              store.put(bytes("deduplicated by a concurrent add"));
              return Set.of();
            },
            HOUR,
            false,
            LocalContentStore.SweepProgress.NONE);

    assertThat(c.unreferenced()).isEqualTo(1);
    assertThat(c.removed()).isZero();
    assertThat(store.exists(ref.sha256())).isTrue();
  }

  @Test
  void concurrentPutsOfOldUnreferencedBlobsAlwaysSurvive() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 150; round++) {
        String content = "round " + round;
        ContentRef ref = store.put(bytes(content));
        age(store, ref, Duration.ofHours(2));
        CountDownLatch start = new CountDownLatch(1);
        Future<?> gc =
            pool.submit(
                () -> {
                  start.await();
                  return store.collect(
                      c -> Set.of(), HOUR, false, LocalContentStore.SweepProgress.NONE);
                });
        Future<ContentRef> put =
            pool.submit(
                () -> {
                  start.await();
                  return store.put(bytes(content));
                });
        start.countDown();
        gc.get();
        assertThat(put.get()).isEqualTo(ref);
        // A put that returned is a promise that the blob exists, whoever won the race.
        try (InputStream in = store.open(ref.sha256())) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(content);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void abandonedTemporaryFilesGoAfterTheGracePeriod() throws IOException {
    LocalContentStore store = new LocalContentStore(dir);
    Path old = Files.writeString(dir.resolve("tmp/put-1.tmp"), "partial");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
    Path fresh = Files.writeString(dir.resolve("tmp/put-2.tmp"), "writing");

    BlobCollection dry = store.collect(c -> Set.of(), HOUR, true, (d, t, s) -> {});
    assertThat(dry.temporaryFiles()).isEqualTo(1);
    assertThat(old).exists();

    BlobCollection real = store.collect(c -> Set.of(), HOUR, false, (d, t, s) -> {});
    assertThat(real.temporaryFiles()).isEqualTo(1);
    assertThat(real.temporaryBytes()).isEqualTo(7);
    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
  }
}
