package dev.mledger.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
  private static final String HELLO_SHA =
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

  @TempDir Path dir;

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void blobsAreAddressedByTheirSha256() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    ContentRef ref = store.put(bytes("hello"));
    assertThat(ref).isEqualTo(new ContentRef(HELLO_SHA, 5));
    assertThat(store.put(bytes("hello"))).isEqualTo(ref);
    assertThat(store.exists(HELLO_SHA)).isTrue();
    assertThat(store.stat(HELLO_SHA)).contains(ref);
    try (InputStream in = store.open(HELLO_SHA)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
    assertThat(Files.exists(dir.resolve("sha256/2c/" + HELLO_SHA))).isTrue();
  }

  @Test
  void unknownAndMalformedAddresses() {
    LocalContentStore store = new LocalContentStore(dir);
    String absent = "0".repeat(64);
    assertThat(store.exists(absent)).isFalse();
    assertThat(store.stat(absent)).isEmpty();
    assertThatThrownBy(() -> store.open(absent))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    for (String bad : new String[] {"../../etc/passwd", HELLO_SHA.toUpperCase(), "abc"}) {
      assertThatThrownBy(() -> store.exists(bad))
          .isInstanceOfSatisfying(
              MledgerException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
  }

  @Test
  void tamperedBlobsFailVerification() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    store.put(bytes("hello"));
    Files.writeString(dir.resolve("sha256/2c/" + HELLO_SHA), "jello");
    try (InputStream in = store.open(HELLO_SHA)) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(ArtifactIntegrityException.class);
    }
  }

  @Test
  void aTruncatedBlobIsRepairedByTheNextPut() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    store.put(bytes("hello"));
    Files.writeString(dir.resolve("sha256/2c/" + HELLO_SHA), "hel");
    store.put(bytes("hello"));
    try (InputStream in = store.open(HELLO_SHA)) {
      assertThat(in.readAllBytes()).hasSize(5);
    }
  }

  @Test
  void removesOnlyOldUnreferencedBlobs() throws Exception {
    LocalContentStore store = new LocalContentStore(dir);
    ContentRef kept = store.put(bytes("kept"));
    ContentRef young = store.put(bytes("young"));
    ContentRef old = store.put(bytes("old"));
    FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
    for (ContentRef ref : new ContentRef[] {kept, old}) {
      Files.setLastModifiedTime(store.blobPath(ref.sha256()), twoDaysAgo);
    }
    GcReport report = store.removeUnreferenced(Set.of(kept.sha256())::contains, Duration.ofDays(1));
    assertThat(report).isEqualTo(new GcReport(1, 3));
    assertThat(store.exists(kept.sha256())).isTrue();
    assertThat(store.exists(young.sha256())).isTrue();
    assertThat(store.exists(old.sha256())).isFalse();
  }

  @Test
  void contentRefValidatesItsFields() {
    assertThatThrownBy(() -> new ContentRef("xyz", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContentRef(HELLO_SHA, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
