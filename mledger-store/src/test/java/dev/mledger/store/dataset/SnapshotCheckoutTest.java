package dev.mledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.dataset.DatasetKind;
import dev.mledger.core.dataset.Provenance;
import dev.mledger.core.dataset.VersionBump;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.LocalContentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCheckoutTest {
  @TempDir Path dir;
  private Stores stores;
  private LocalContentStore blobs;
  private Snapshotter snapshotter;
  private Checkout checkout;

  @BeforeEach
  void open() {
    stores = Stores.open("sqlite://" + dir.resolve("db/mledger.db"), "file:///tmp/a");
    blobs = new LocalContentStore(dir.resolve("blobs"));
    snapshotter = new Snapshotter(blobs, 3);
    checkout = new Checkout(stores.datasets(), blobs, 3);
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private Path tree() throws IOException {
    Path src = dir.resolve("src/data");
    Files.createDirectories(src.resolve("a/b"));
    for (int i = 0; i < 40; i++) {
      Files.writeString(src.resolve("a/b/f" + i + ".txt"), "file " + i);
    }
    Files.writeString(src.resolve("top.csv"), "x,y\n1,2\n");
    Files.write(src.resolve("a/empty.bin"), new byte[0]);
    return src;
  }

  private DatasetVersion add(Snapshot s) {
    return stores
        .datasets()
        .add(
            new NewDatasetVersion(
                "d",
                null,
                VersionBump.MINOR,
                s.kind(),
                s.path(),
                s.manifest(),
                new Provenance(null, null, null, null, null, "t"),
                List.of(),
                null),
            "t");
  }

  @Test
  void snapshotsADirectoryAndRestoresItExactly() throws IOException {
    Path src = tree();
    AtomicLong bytes = new AtomicLong();
    Snapshot s = snapshotter.snapshot(src, bytes::addAndGet);
    assertThat(s.kind()).isEqualTo(DatasetKind.DIRECTORY);
    assertThat(s.manifest()).hasSize(42);
    assertThat(bytes.get()).isEqualTo(s.digest().size());
    DatasetVersion v = add(s);
    assertThat(v.sha256()).isEqualTo(s.digest().hash());

    Path out = dir.resolve("out");
    CheckoutResult result = checkout.checkout(v, out, false, n -> {});
    assertThat(result.written()).isEqualTo(42);
    assertThat(Files.readString(out.resolve("a/b/f7.txt"))).isEqualTo("file 7");
    assertThat(snapshotter.snapshot(out, n -> {}).digest()).isEqualTo(s.digest());

    CheckoutResult again = checkout.checkout(v, out, false, n -> {});
    assertThat(again.written()).isZero();
    assertThat(again.unchanged()).isEqualTo(42);
  }

  @Test
  void refusesToOverwriteModifiedOrExtraFilesWithoutForce() throws IOException {
    DatasetVersion v = add(snapshotter.snapshot(tree(), n -> {}));
    Path out = dir.resolve("out");
    checkout.checkout(v, out, false, n -> {});
    Files.writeString(out.resolve("top.csv"), "edited");
    Files.writeString(out.resolve("mine.txt"), "keep me");
    assertThatThrownBy(() -> checkout.checkout(v, out, false, n -> {}))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
              assertThat(e.getMessage()).contains("top.csv").contains("mine.txt");
            });
    assertThat(Files.readString(out.resolve("top.csv"))).isEqualTo("edited");
    CheckoutResult forced = checkout.checkout(v, out, true, n -> {});
    assertThat(forced.written()).isEqualTo(1);
    assertThat(forced.removed()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("top.csv"))).isEqualTo("x,y\n1,2\n");
    assertThat(out.resolve("mine.txt")).doesNotExist();
  }

  @Test
  void detectsACorruptedBlobAndLeavesTheTargetUntouched() throws IOException {
    Path file = dir.resolve("one.csv");
    Files.writeString(file, "a,b\n1,2\n3,4\n");
    Snapshot s = snapshotter.snapshot(file, n -> {});
    DatasetVersion v = add(s);
    String sha = s.manifest().get(0).sha256();
    Path blob;
    try (Stream<Path> all = Files.walk(dir.resolve("blobs"))) {
      blob = all.filter(p -> p.getFileName().toString().equals(sha)).findFirst().orElseThrow();
    }
    Files.writeString(blob, "a,b\n1,2\n3,5\n"); // same length, different bytes
    Path out = dir.resolve("restored.csv");
    assertThatThrownBy(() -> checkout.checkout(v, out, false, n -> {}))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("corrupted");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void refusesSymbolicLinksAndEmptyDirectories() throws IOException {
    Path src = dir.resolve("linked");
    Files.createDirectories(src);
    Files.writeString(dir.resolve("target.txt"), "t");
    Files.createSymbolicLink(src.resolve("link"), dir.resolve("target.txt"));
    assertThatThrownBy(() -> snapshotter.snapshot(src, n -> {}))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("symbolic link");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> snapshotter.snapshot(empty, n -> {}))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("contains no files");
    assertThatThrownBy(() -> snapshotter.snapshot(dir.resolve("missing"), n -> {}))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void identicalContentIsStoredOnce() throws IOException {
    Path src = dir.resolve("dup");
    Files.createDirectories(src);
    for (int i = 0; i < 10; i++) {
      Files.write(src.resolve("f" + i), "same".getBytes(StandardCharsets.UTF_8));
    }
    Snapshot s = snapshotter.snapshot(src, n -> {});
    assertThat(s.manifest().stream().map(e -> e.sha256()).distinct()).hasSize(1);
  }
}
