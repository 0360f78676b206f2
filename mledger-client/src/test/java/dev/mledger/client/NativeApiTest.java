package dev.mledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.LocalArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native API calls over the client's transport: encoding, errors, retries and streaming. */
class NativeApiTest {
  @TempDir static Path dir;
  static Stores stores;
  static LocalArtifactStore artifacts;
  static MledgerServer server;
  static String uri;

  @BeforeAll
  static void start() {
    String root = dir.resolve("artifacts").toUri().toString();
    stores = Stores.open("sqlite:///" + dir.toAbsolutePath().resolve("mledger.db"), root);
    artifacts = new LocalArtifactStore(dir.resolve("proxy"));
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, stores, root, "test", artifacts),
            Duration.ofSeconds(5));
    uri = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
    stores.close();
    artifacts.close();
  }

  @Test
  void getsPostsAndMapsServerErrors() {
    try (MledgerClient client = TestServer.client(uri)) {
      NativeApi api = client.nativeApi();
      assertThat(api.get("/api/v1/datasets").path("datasets").isArray()).isTrue();
      JsonNode edge = api.post("/api/v1/lineage/edges", edge("model:m/1", "endpoint:a b"));
      assertThat(edge.path("to").asText()).isEqualTo("endpoint:a b");
      JsonNode graph = api.get("/api/v1/lineage", List.of(Map.entry("nodeId", "endpoint:a b")));
      assertThat(graph.path("graph")).hasSize(2);

      assertThatThrownBy(() -> api.get("/api/v1/decisions/" + NativeApi.segment("no/such id")))
          .isInstanceOf(MledgerException.class)
          .isNotInstanceOf(ServerUnavailableException.class)
          .satisfies(
              e ->
                  assertThat(((MledgerException) e).code())
                      .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
          .hasMessageContaining("no/such id");
      assertThat(api.getText("/api/v1/openapi.json", List.of(), "application/json"))
          .startsWith("{");
    }
  }

  @Test
  void postIsRepeatedOnlyWhenTheServerNeverActedOnIt() throws Exception {
    try (FlakyProxy proxy = new FlakyProxy(uri);
        MledgerClient client = TestServer.client(proxy.uri())) {
      NativeApi api = client.nativeApi();
      proxy.inject(new FlakyProxy.Reject("/api/v1/lineage/edges", 429, ""));
      api.post("/api/v1/lineage/edges", edge("model:m/1", "endpoint:retried"));
      assertThat(proxy.count("/api/v1/lineage/edges")).isEqualTo(2);

      proxy.inject(new FlakyProxy.LoseResponse("/api/v1/lineage/edges", 502));
      assertThatThrownBy(
              () -> api.post("/api/v1/lineage/edges", edge("model:m/1", "endpoint:once")))
          .isInstanceOf(MledgerException.class)
          .isNotInstanceOf(ServerUnavailableException.class);
      assertThat(proxy.count("/api/v1/lineage/edges")).isEqualTo(3);

      proxy.inject(new FlakyProxy.LoseResponse("/api/v1/datasets", 503));
      assertThat(api.get("/api/v1/datasets").has("datasets")).isTrue();
      assertThat(proxy.count("/api/v1/datasets")).isEqualTo(2);
    }
  }

  @Test
  void anUnreachableServerIsUnavailableAfterTheRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (MledgerClient client = TestServer.client("http://127.0.0.1:" + closedPort)) {
      assertThatThrownBy(() -> client.nativeApi().post("/api/v1/lineage/edges", edge("a:b", "c:d")))
          .isInstanceOf(ServerUnavailableException.class)
          .hasMessageContaining("Cannot reach the tracking server")
          .satisfies(e -> assertThat(((ServerUnavailableException) e).attempts()).isEqualTo(4));
    }
  }

  @Test
  void uploadsAndDownloadsStream() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    String path =
        "/api/2.0/mlflow-artifacts/artifacts/" + NativeApi.segments("native api/blob 1.bin");
    try (MledgerClient client = TestServer.client(uri)) {
      NativeApi api = client.nativeApi();
      api.upload(path, content.length, () -> new ByteArrayInputStream(content));
      try (InputStream in = api.download(path)) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
      assertThatThrownBy(() -> api.download(path + "-missing"))
          .isInstanceOf(MledgerException.class)
          .satisfies(
              e ->
                  assertThat(((MledgerException) e).code())
                      .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
      JsonNode listing =
          api.get("/api/2.0/mlflow-artifacts/artifacts", List.of(Map.entry("path", "native api")));
      assertThat(listing.toString().getBytes(StandardCharsets.UTF_8).length).isPositive();
      assertThat(listing.path("files").get(0).path("file_size").asLong()).isEqualTo(content.length);
    }
  }

  private static ObjectNode edge(String from, String to) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("from", from);
    body.put("to", to);
    return body;
  }
}
