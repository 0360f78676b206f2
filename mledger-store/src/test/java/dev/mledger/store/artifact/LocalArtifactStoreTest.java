package dev.mledger.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest extends ArtifactStoreContract {
  @TempDir Path dir;

  @Override
  LocalArtifactStore store() {
    return new LocalArtifactStore(dir.resolve("store"));
  }

  private List<Path> blobFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("store/blobs/sha256"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void identicalContentIsStoredOnce() throws Exception {
    LocalArtifactStore store = store();
    store.put("run1/model.bin", text("weights"));
    store.put("run2/model.bin", text("weights"));
    store.put("run2/other.bin", text("other"));
    assertThat(blobFiles()).hasSize(2);
    assertThat(blobFiles())
        .anySatisfy(
            p ->
                assertThat(p.getFileName().toString())
                    .isEqualTo(sha256("weights".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void damagedContentFailsAtTheEndOfTheStream() throws Exception {
    LocalArtifactStore store = store();
    store.put("a/model.bin", text("the real weights"));
    Path blob = blobFiles().get(0);
    Files.writeString(blob, "the fake weights");

    try (InputStream in = store.open("a/model.bin")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOfSatisfying(
              ArtifactIntegrityException.class,
              e -> {
                assertThat(e.path()).isEqualTo("a/model.bin");
                assertThat(e.getMessage()).contains("SHA-256", "does not match");
              });
    }
    Files.writeString(blob, "short");
    try (InputStream in = store.open("a/model.bin")) {
      assertThatThrownBy(in::readAllBytes).hasMessageContaining("5 bytes read, 16 stored");
    }
    Files.writeString(blob, "the real weights and more");
    try (InputStream in = store.open("a/model.bin")) {
      assertThatThrownBy(in::readAllBytes).hasMessageContaining("longer than the 16 bytes");
    }
  }

  @Test
  void aMissingBlobIsReportedAsDamageNotAsAMissingFile() throws Exception {
    LocalArtifactStore store = store();
    store.put("a/model.bin", text("x"));
    Files.delete(blobFiles().get(0));
    assertThatThrownBy(() -> store.open("a/model.bin"))
        .isInstanceOfSatisfying(
            MledgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR))
        .hasMessageContaining("is damaged");
  }

  @Test
  void symbolicLinksInTheTreeAreNeverFollowed() throws Exception {
    LocalArtifactStore store = store();
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Path tree = store.root().resolve(LocalArtifactStore.TREE_DIR);
    Files.createDirectories(tree.resolve("run"));
    Files.createSymbolicLink(tree.resolve("run/escape"), outside);
    Files.createSymbolicLink(tree.resolve("run/link.txt"), outside.resolve("secret.txt"));
    store.put("run/real.txt", text("real"));

    for (String path : List.of("run/escape/secret.txt", "run/link.txt")) {
      assertThatThrownBy(() -> store.open(path))
          .isInstanceOfSatisfying(
              MledgerException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> store.put(path, text("overwrite")))
          .hasMessageContaining("symbolic link");
    }
    assertThatThrownBy(() -> store.list("run/escape")).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> store.delete("run/escape")).hasMessageContaining("symbolic link");
    assertThat(store.list("run")).containsExactly(FileInfo.file("real.txt", 4));
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
  }

  @Test
  void aFileAndADirectoryCannotShareAPath() {
    LocalArtifactStore store = store();
    store.put("a/b", text("file"));
    store.put("c/d/e", text("file"));
    assertThatThrownBy(() -> store.put("a/b/c", text("x")))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining("'a/b' is a file");
    assertThatThrownBy(() -> store.put("c/d", text("x")))
        .hasMessageContaining("a directory of artifacts already has that path");
    assertThat(read(store, "a/b")).isEqualTo("file");
  }

  @Test
  void gcRemovesOnlyUnreferencedContentAndOldLeftovers() throws Exception {
    LocalArtifactStore store = store();
    store.put("keep/a.txt", text("kept"));
    store.put("drop/b.txt", text("dropped"));
    store.put("drop/c.txt", text("kept"));
    store.delete("drop");
    Path leftover = store.root().resolve("blobs/tmp/put-crashed.tmp");
    Files.writeString(leftover, "partial upload");

    assertThat(store.gc(Duration.ofHours(1)))
        .as("everything is younger than the grace period")
        .isEqualTo(new GcReport(0, 0));

    FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
    for (Path blob : blobFiles()) {
      Files.setLastModifiedTime(blob, old);
    }
    Files.setLastModifiedTime(leftover, old);
    GcReport report = store.gc();
    assertThat(report).isEqualTo(new GcReport(2, "dropped".length() + "partial upload".length()));
    assertThat(blobFiles()).hasSize(1);
    assertThat(read(store, "keep/a.txt")).isEqualTo("kept");
    assertThat(Files.exists(leftover)).isFalse();
  }

  @Test
  void dedupRefreshesTheBlobSoAConcurrentCollectionKeepsIt() throws Exception {
    LocalArtifactStore store = store();
    store.put("first.txt", text("shared"));
    store.delete("first.txt");
    Path blob = blobFiles().get(0);
    Files.setLastModifiedTime(blob, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    store.put("second.txt", text("shared"));
    assertThat(Files.getLastModifiedTime(blob).toInstant())
        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    assertThat(store.gc(Duration.ZERO).removed()).isZero();
    assertThat(read(store, "second.txt")).isEqualTo("shared");
  }

  @Test
  void deletingPrunesEmptyDirectories() {
    LocalArtifactStore store = store();
    store.put("exp/run/artifacts/deep/file.txt", text("x"));
    store.delete("exp/run/artifacts/deep/file.txt");
    assertThat(store.list("")).isEmpty();
    assertThat(store.exists("")).isFalse();
  }

  @Test
  void dataSurvivesReopening() {
    store().put("persisted.txt", text("still here"));
    assertThat(read(store(), "persisted.txt")).isEqualTo("still here");
  }

  @Test
  void opensFromLocationStrings() throws Exception {
    try (ArtifactStore fromPath =
            ArtifactStores.open(dir.resolve("p").toString(), java.util.Map.of());
        ArtifactStore fromUri =
            ArtifactStores.open(dir.resolve("p").toUri().toString(), java.util.Map.of())) {
      fromPath.put("x.txt", text("x"));
      assertThat(read(fromUri, "x.txt")).isEqualTo("x");
    }
    assertThatThrownBy(() -> ArtifactStores.open("gs://bucket/x", java.util.Map.of()))
        .hasMessageContaining("Unsupported artifact store");
    assertThatThrownBy(() -> ArtifactStores.open(" ", java.util.Map.of()))
        .hasMessageContaining("empty");
  }
}
