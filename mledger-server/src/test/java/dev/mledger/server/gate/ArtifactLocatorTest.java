package dev.mledger.server.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.store.artifact.LocalArtifactStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactLocatorTest {
  @TempDir Path dir;

  @Test
  void proxiedLocationsAreCheckedInTheServersStore() throws Exception {
    try (LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"))) {
      store.put("1/run/artifacts/model/MLmodel", new ByteArrayInputStream(new byte[] {1}));
      ArtifactLocator locator = ArtifactLocator.serving(store);

      assertThat(locator.exists("mlflow-artifacts:/1/run/artifacts/model")).contains(true);
      assertThat(locator.exists("mlflow-artifacts://proxy:5000/1/run/artifacts/model"))
          .contains(true);
      assertThat(
              locator.exists(
                  "https://mledger.internal/api/2.0/mlflow-artifacts/artifacts/1/run/artifacts/model"))
          .contains(true);
      assertThat(locator.exists("mlflow-artifacts:/1/other/artifacts/model")).contains(false);
      assertThat(locator.exists("mlflow-artifacts:/1/../../etc/passwd")).contains(false);

      // Everything else is answered as before: local paths checked, other stores unverifiable.
      Path local = Files.createDirectories(dir.resolve("local-model"));
      assertThat(locator.exists(local.toUri().toString())).contains(true);
      assertThat(locator.exists(dir.resolve("gone").toString())).contains(false);
      assertThat(locator.exists("s3://bucket/model")).isEqualTo(Optional.empty());
      assertThat(locator.exists("https://example.com/model.bin")).isEqualTo(Optional.empty());
    }
  }

  @Test
  void withoutAProxyStoreProxiedLocationsStayUnverifiable() {
    ArtifactLocator locator = ArtifactLocator.serving(null);
    assertThat(locator.exists("mlflow-artifacts:/1/run/artifacts/model")).isEmpty();
    assertThat(locator.exists(dir.toString())).contains(true);
  }
}
