package dev.mledger.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.artifact.S3ArtifactStore;
import dev.mledger.store.artifact.S3Location;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The artifact proxy on an S3 bucket served by a real S3-API server. */
class S3ArtifactsApiTest extends ArtifactsApiContract {
  private static final String BUCKET = "proxy-artifacts";
  @TempDir static Path dir;
  private static S3MockProcess s3;
  private static S3Client client;
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3MockProcess(dir.resolve("s3"), dir.resolve("s3mock.log"));
    client = s3.client();
    client.createBucket(b -> b.bucket(BUCKET));
    server =
        RunningServer.withArtifacts(
            "sqlite:///" + dir.resolve("mledger.db"),
            "mlflow-artifacts:",
            new S3ArtifactStore(client, S3Location.parse("s3://" + BUCKET + "/mlartifacts")));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (client != null) {
      client.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Override
  RunningServer server() {
    return server;
  }

  @Test
  void uploadsAreOrdinaryObjectsUnderThePrefix() {
    send("PUT", PROXY + "/0/r/artifacts/readme.md", bytes("# hi"));
    var head = client.headObject(b -> b.bucket(BUCKET).key("mlartifacts/0/r/artifacts/readme.md"));
    assertThat(head.contentLength()).isEqualTo(4);
    assertThat(head.metadata()).containsKey(S3ArtifactStore.SHA256_METADATA);
  }
}
