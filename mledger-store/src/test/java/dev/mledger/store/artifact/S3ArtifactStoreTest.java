package dev.mledger.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The S3 backend against a real S3-API server; every test gets its own prefix. */
class S3ArtifactStoreTest extends ArtifactStoreContract {
  private static final String BUCKET = "mledger-artifacts";
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  @TempDir static Path s3Root;
  private static S3MockServer s3;

  @BeforeAll
  static void startS3() {
    s3 = new S3MockServer(s3Root);
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  private static S3Location freshLocation() {
    return S3Location.parse("s3://" + BUCKET + "/tests/p" + PREFIXES.incrementAndGet());
  }

  @Override
  S3ArtifactStore store() {
    return new S3ArtifactStore(s3.client(), freshLocation());
  }

  @Test
  void objectsArePlainKeysCarryingTheirChecksum() throws Exception {
    S3ArtifactStore store = store();
    store.put("0/run/artifacts/hello.txt", text("hello"));
    var head =
        s3.client()
            .headObject(
                b -> b.bucket(BUCKET).key(store.location().prefix() + "0/run/artifacts/hello.txt"));
    assertThat(head.metadata())
        .containsEntry(
            S3ArtifactStore.SHA256_METADATA, sha256("hello".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void multipartUploadsGetTheirChecksumAndLeaveNoUploadBehind() throws Exception {
    S3Location location = freshLocation();
    // A tiny single-copy limit takes the ranged part-copy route that objects over 5 GiB use.
    S3ArtifactStore store = new S3ArtifactStore(s3.client(), location, false, 1024);
    byte[] data = randomBytes(S3ArtifactStore.PART_BYTES + 100, 3);
    ArtifactInfo info = store.put("big.bin", new ByteArrayInputStream(data));
    assertThat(info.sha256()).contains(sha256(data));
    assertThat(store.stat("big.bin").orElseThrow().sha256()).contains(sha256(data));
    try (InputStream in = store.open("big.bin")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(
            s3.client()
                .listObjectsV2(
                    b ->
                        b.bucket(BUCKET)
                            .prefix(location.prefix() + S3ArtifactStore.UPLOADS_DIR + "/"))
                .contents())
        .isEmpty();
  }

  @Test
  void objectsWrittenByOtherToolsAreReadableAndChecksumMismatchesAreCaught() throws Exception {
    S3ArtifactStore store = store();
    String prefix = store.location().prefix();
    s3.client()
        .putObject(b -> b.bucket(BUCKET).key(prefix + "foreign.txt"), RequestBody.fromString("hi"));
    assertThat(read(store, "foreign.txt")).isEqualTo("hi");
    assertThat(store.stat("foreign.txt").orElseThrow().sha256()).isEmpty();

    s3.client()
        .putObject(
            b ->
                b.bucket(BUCKET)
                    .key(prefix + "tampered.txt")
                    .metadata(Map.of(S3ArtifactStore.SHA256_METADATA, "0".repeat(64))),
            RequestBody.fromString("tampered"));
    try (InputStream in = store.open("tampered.txt")) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(ArtifactIntegrityException.class);
    }
  }

  @Test
  void theUploadAreaIsHiddenReservedAndCollected() throws Exception {
    S3Location location = freshLocation();
    S3ArtifactStore store = new S3ArtifactStore(s3.client(), location);
    String uploads = location.prefix() + S3ArtifactStore.UPLOADS_DIR + "/";
    s3.client()
        .putObject(b -> b.bucket(BUCKET).key(uploads + "orphan"), RequestBody.fromString("x"));
    String abandoned =
        s3.client()
            .createMultipartUpload(b -> b.bucket(BUCKET).key(uploads + "abandoned"))
            .uploadId();
    store.put("real.txt", text("real"));

    assertThat(store.list("")).containsExactly(FileInfo.file("real.txt", 4));
    assertThatThrownBy(() -> store.open(S3ArtifactStore.UPLOADS_DIR + "/orphan"))
        .hasMessageContaining("reserved");
    assertThat(store.gc(Duration.ofHours(1)).removed()).isZero();

    Thread.sleep(1100); // S3 timestamps have one-second resolution
    GcReport report = store.gc(Duration.ZERO);
    assertThat(report.removed()).isEqualTo(2);
    assertThat(report.bytesFreed()).isEqualTo(1);
    assertThat(
            s3
                .client()
                .listMultipartUploads(b -> b.bucket(BUCKET).prefix(uploads))
                .uploads()
                .stream()
                .map(u -> u.uploadId()))
        .doesNotContain(abandoned);
    assertThat(read(store, "real.txt")).isEqualTo("real");
  }

  @Test
  void failuresMapToMlflowErrorCodes() {
    S3ArtifactStore missingBucket =
        new S3ArtifactStore(s3.client(), S3Location.parse("s3://no-such-bucket/x"));
    assertThatThrownBy(() -> missingBucket.put("a.txt", text("a")))
        .isInstanceOfSatisfying(
            MledgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR))
        .hasMessageContaining("does not exist");

    try (S3ArtifactStore unreachable =
        S3ArtifactStore.open(
            S3Location.parse("s3://b/p"),
            Map.of(
                "MLFLOW_S3_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ACCESS_KEY_ID", "k",
                "AWS_SECRET_ACCESS_KEY", "s"))) {
      assertThatThrownBy(() -> unreachable.stat("a.txt"))
          .isInstanceOfSatisfying(
              MledgerException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE));
    }
  }

  @Test
  void opensFromTheEnvironmentLikeMlflow() {
    try (ArtifactStore store =
        ArtifactStores.open(
            "s3://" + BUCKET + "/from-env",
            Map.of(
                "MLFLOW_S3_ENDPOINT_URL",
                s3.endpoint().toString(),
                "AWS_REGION",
                "eu-west-1",
                "AWS_ACCESS_KEY_ID",
                "key",
                "AWS_SECRET_ACCESS_KEY",
                "secret"))) {
      store.put("x.txt", text("via env"));
      assertThat(read(store, "x.txt")).isEqualTo("via env");
    }
  }

  @Test
  void locationsAreParsedStrictly() {
    assertThat(S3Location.parse("s3://bucket")).isEqualTo(new S3Location("bucket", ""));
    assertThat(S3Location.parse("s3://bucket/a//b/")).isEqualTo(new S3Location("bucket", "a/b/"));
    assertThatThrownBy(() -> S3Location.parse("s3:///nobucket")).hasMessageContaining("bucket");
    assertThatThrownBy(() -> S3Location.parse("s3://b/../x")).hasMessageContaining("parent");
    assertThatThrownBy(() -> S3Location.parse("s3://b/x?versionId=1"))
        .hasMessageContaining("query");
  }
}
