package dev.mledger.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.artifact.LocalArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact proxy on the local content-addressed store. */
class LocalArtifactsApiTest extends ArtifactsApiContract {
  @TempDir static Path dir;
  private static RunningServer server;
  private static LocalArtifactStore store;

  @BeforeAll
  static void start() {
    store = new LocalArtifactStore(dir.resolve("artifact-store"));
    server =
        RunningServer.withArtifacts(
            "sqlite:///" + dir.resolve("mledger.db"), "mlflow-artifacts:", store);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  RunningServer server() {
    return server;
  }

  @Test
  void symbolicLinksPlantedInTheStoreAreRejected() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Path tree = store.root().resolve(LocalArtifactStore.TREE_DIR);
    Files.createDirectories(tree.resolve("planted"));
    Files.createSymbolicLink(tree.resolve("planted/link"), outside);

    for (String method : new String[] {"GET", "PUT", "DELETE"}) {
      HttpResponse<byte[]> response = send(method, PROXY + "/planted/link/secret.txt", bytes("x"));
      assertThat(response.statusCode()).as(method).isEqualTo(400);
      assertThat(text(response)).contains("symbolic link");
    }
    assertThat(send("GET", PROXY + "?path=planted/link", null).statusCode()).isEqualTo(400);
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
  }

  @Test
  void identicalUploadsAreStoredOnce() throws IOException {
    byte[] weights = bytes("the same weights in two runs");
    send("PUT", PROXY + "/dedup/run1/w.bin", weights);
    send("PUT", PROXY + "/dedup/run2/w.bin", weights);
    try (Stream<Path> blobs = Files.walk(store.root().resolve("blobs/sha256"))) {
      assertThat(
              blobs
                  .filter(Files::isRegularFile)
                  .filter(p -> p.getFileName().toString().equals(sha256Unchecked(weights))))
          .hasSize(1);
    }
  }

  @Test
  void aDamagedFileNeverDownloadsAsComplete() throws Exception {
    byte[] data = new byte[200_000];
    new java.util.Random(5).nextBytes(data);
    send("PUT", PROXY + "/damaged/model.bin", data);
    Path blob =
        store
            .root()
            .resolve("blobs/sha256")
            .resolve(sha256(data).substring(0, 2))
            .resolve(sha256(data));
    byte[] corrupt = data.clone();
    corrupt[150_000] ^= 1;
    Files.write(blob, corrupt);

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.base() + PROXY + "/damaged/model.bin")).build();
    assertThatThrownBy(
            () -> {
              HttpResponse<InputStream> response =
                  http.send(request, HttpResponse.BodyHandlers.ofInputStream());
              try (InputStream in = response.body()) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class);
  }

  @Test
  void withoutAnArtifactStoreTheProxyAnswers503(@TempDir Path other) {
    dev.mledger.store.Stores stores =
        dev.mledger.store.Stores.open("sqlite:///" + other.resolve("m.db"), "mlflow-artifacts:");
    try (RunningServer plain =
        RunningServer.wrapping(stores, stores.tracking(), java.time.Duration.ofSeconds(5))) {
      HttpResponse<String> response = plain.get(PROXY + "/a.txt");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("--artifacts");
    }
  }

  private static String sha256Unchecked(byte[] data) {
    try {
      return sha256(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
