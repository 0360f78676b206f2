package dev.mledger.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ArtifactStore} shares; each backend's test supplies a fresh store. */
abstract class ArtifactStoreContract {

  /** A fresh, empty store. */
  abstract ArtifactStore store();

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static String read(ArtifactStore store, String path) {
    try (InputStream in = store.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void putThenOpenReturnsTheBytesAndTheirChecksum() throws Exception {
    ArtifactStore store = store();
    ArtifactInfo info = store.put("0/run/artifacts/hello.txt", text("hello"));
    assertThat(info.path()).isEqualTo("0/run/artifacts/hello.txt");
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.sha256()).contains(sha256("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(read(store, "0/run/artifacts/hello.txt")).isEqualTo("hello");
    assertThat(store.stat("0//run/./artifacts/hello.txt")).contains(info);
  }

  @Test
  void readReportsTheVersionItOpened() throws Exception {
    ArtifactStore store = store();
    store.put("x/data.bin", text("version one"));
    try (ArtifactContent content = store.read("x/data.bin")) {
      store.put("x/data.bin", text("v2"));
      assertThat(content.info().size()).isEqualTo(11);
      assertThat(content.info().sha256())
          .contains(sha256("version one".getBytes(StandardCharsets.UTF_8)));
      assertThat(new String(content.stream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("version one");
    }
    assertThatThrownBy(() -> store.read("x/none.bin"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void emptyFilesAreFiles() {
    ArtifactStore store = store();
    assertThat(store.put("empty", InputStream.nullInputStream()).size()).isZero();
    assertThat(read(store, "empty")).isEmpty();
    assertThat(store.list("")).containsExactly(FileInfo.file("empty", 0));
  }

  @Test
  void putReplacesAndReadsAreWhole() {
    ArtifactStore store = store();
    store.put("a/model.bin", text("first version"));
    store.put("a/model.bin", text("second"));
    assertThat(read(store, "a/model.bin")).isEqualTo("second");
    assertThat(store.list("a")).containsExactly(FileInfo.file("model.bin", 6));
  }

  @Test
  void largeFilesStreamAndRoundTrip() throws Exception {
    ArtifactStore store = store();
    byte[] data = randomBytes(S3ArtifactStore.PART_BYTES * 2 + 12345, 7);
    ArtifactInfo info = store.put("big/blob.bin", new ByteArrayInputStream(data));
    assertThat(info.size()).isEqualTo(data.length);
    assertThat(info.sha256()).contains(sha256(data));
    try (InputStream in = store.open("big/blob.bin")) {
      assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
    }
    assertThat(store.stat("big/blob.bin").orElseThrow().sha256()).contains(sha256(data));
  }

  @Test
  void listsDirectChildrenSortedByCodePoint() {
    ArtifactStore store = store();
    store.put("run/artifacts/b.txt", text("bb"));
    store.put("run/artifacts/A.txt", text("a"));
    store.put("run/artifacts/model/MLmodel", text("flavors: {}"));
    store.put("run/artifacts/model/data/weights", text("w"));
    store.put("run/artifacts/\uD83D\uDE00.txt", text("emoji"));
    store.put("run/artifacts/\uFF21.txt", text("fullwidth"));

    assertThat(store.list("run/artifacts"))
        .containsExactly(
            FileInfo.file("A.txt", 1),
            FileInfo.file("b.txt", 2),
            FileInfo.directory("model"),
            FileInfo.file("\uFF21.txt", 9),
            FileInfo.file("\uD83D\uDE00.txt", 5));
    assertThat(store.list("run/artifacts/model/"))
        .containsExactly(FileInfo.file("MLmodel", 11), FileInfo.directory("data"));
    assertThat(store.list("")).containsExactly(FileInfo.directory("run"));
    assertThat(store.list(null)).containsExactly(FileInfo.directory("run"));
  }

  @Test
  void listingAFileOrNothingIsEmpty() {
    ArtifactStore store = store();
    store.put("dir/file.txt", text("x"));
    assertThat(store.list("dir/file.txt")).isEmpty();
    assertThat(store.list("nowhere")).isEmpty();
    assertThat(store.list("dir/fi")).isEmpty();
  }

  @Test
  void missingFilesAreNotFound() {
    ArtifactStore store = store();
    store.put("dir/file.txt", text("x"));
    for (String path : List.of("dir/other.txt", "dir", "nowhere/x")) {
      assertThatThrownBy(() -> store.open(path))
          .isInstanceOfSatisfying(
              MledgerException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }
    assertThat(store.stat("dir/other.txt")).isEmpty();
    assertThat(store.stat("dir")).isEmpty();
  }

  @Test
  void existsForFilesAndNonEmptyDirectories() {
    ArtifactStore store = store();
    store.put("dir/sub/file.txt", text("x"));
    assertThat(store.exists("dir/sub/file.txt")).isTrue();
    assertThat(store.exists("dir/sub")).isTrue();
    assertThat(store.exists("dir")).isTrue();
    assertThat(store.exists("")).isTrue();
    assertThat(store.exists("dir/su")).isFalse();
    assertThat(store.exists("other")).isFalse();
  }

  @Test
  void deletesFilesAndWholeDirectories() {
    ArtifactStore store = store();
    store.put("run1/a.txt", text("a"));
    store.put("run1/sub/b.txt", text("b"));
    store.put("run1/sub/deeper/c.txt", text("c"));
    store.put("run10/keep.txt", text("k"));

    store.delete("run1/a.txt");
    assertThat(store.list("run1")).containsExactly(FileInfo.directory("sub"));
    store.delete("run1");
    assertThat(store.exists("run1")).isFalse();
    assertThat(store.list("")).containsExactly(FileInfo.directory("run10"));
    assertThat(read(store, "run10/keep.txt")).isEqualTo("k");

    store.delete("never/was");
    assertThatThrownBy(() -> store.delete("/"))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
  }

  @Test
  void unsafePathsAreRejectedBeforeAnythingIsRead() {
    ArtifactStore store = store();
    for (String path : List.of("../x", "/abs", "%2e%2e/x", "a\u0000b", "a\\b", "C:/x")) {
      InputStream untouched =
          new InputStream() {
            @Override
            public int read() {
              throw new AssertionError("the upload body was read for " + path);
            }
          };
      assertThatThrownBy(() -> store.put(path, untouched))
          .isInstanceOfSatisfying(
              MledgerException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
      assertThatThrownBy(() -> store.open(path)).isInstanceOf(MledgerException.class);
      assertThatThrownBy(() -> store.list(path)).isInstanceOf(MledgerException.class);
      assertThatThrownBy(() -> store.delete(path)).isInstanceOf(MledgerException.class);
    }
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void concurrentWritersToOnePathLeaveOneWholeVersion() throws Exception {
    ArtifactStore store = store();
    List<byte[]> versions =
        IntStream.range(0, 6).mapToObj(i -> randomBytes(200_000 + i, i)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<ArtifactInfo>> puts =
          pool.invokeAll(
              versions.stream()
                  .map(
                      v ->
                          (Callable<ArtifactInfo>)
                              () -> store.put("shared/model.bin", new ByteArrayInputStream(v)))
                  .toList());
      for (Future<ArtifactInfo> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdown();
    }
    byte[] result;
    try (InputStream in = store.open("shared/model.bin")) {
      result = in.readAllBytes();
    }
    List<String> hashes = versions.stream().map(v -> uncheckedSha(v)).toList();
    assertThat(hashes).contains(sha256(result));
  }

  private static String uncheckedSha(byte[] bytes) {
    try {
      return sha256(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
