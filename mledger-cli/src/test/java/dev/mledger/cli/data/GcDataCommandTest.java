package dev.mledger.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.store.artifact.ContentRef;
import dev.mledger.store.artifact.LocalContentStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mledger data gc} in-process on an embedded store. */
class GcDataCommandTest {
  @TempDir Path dir;
  private Path data;
  private Path work;

  private DataCli.Result run(Object... args) {
    return DataCli.run(data, args);
  }

  private static JsonNode json(DataCli.Result r) throws IOException {
    return DataCli.json(r);
  }

  @BeforeEach
  void setUp() throws IOException {
    data = dir.resolve("store");
    work = Files.createDirectories(dir.resolve("work"));
  }

  /** A blob no version references, as an interrupted add leaves it, written {@code age} ago. */
  private ContentRef orphan(String content, Duration age) throws IOException {
    LocalContentStore blobs = new LocalContentStore(data.resolve("datasets/blobs"));
    ContentRef ref = blobs.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    Path file =
        data.resolve("datasets/blobs/sha256")
            .resolve(ref.sha256().substring(0, 2))
            .resolve(ref.sha256());
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return ref;
  }

  private boolean stored(ContentRef ref) {
    return new LocalContentStore(data.resolve("datasets/blobs")).exists(ref.sha256());
  }

  @Test
  void removesOnlyOldUnreferencedBlobsAndCheckoutStillVerifies() throws IOException {
    Path tree = Files.createDirectories(work.resolve("images"));
    Files.writeString(tree.resolve("a.txt"), "alpha");
    Files.writeString(tree.resolve("b.txt"), "beta");
    json(run("data", "add", tree, "--name", "img", "-q", "--json"));
    Files.writeString(tree.resolve("b.txt"), "beta, edited");
    json(run("data", "add", tree, "--name", "img", "-q", "--json"));
    ContentRef old = orphan("left by an interrupted add", Duration.ofHours(2));
    ContentRef young = orphan("an add in progress", Duration.ZERO);

    JsonNode dry = json(run("data", "gc", "--dry-run", "--json"));
    assertThat(dry.path("dry_run").asBoolean()).isTrue();
    assertThat(dry.path("min_age_seconds").asLong()).isEqualTo(3600);
    assertThat(dry.path("unreferenced_blobs").asLong()).isEqualTo(1);
    assertThat(dry.path("unreferenced_bytes").asLong()).isEqualTo(old.size());
    assertThat(dry.path("removed_blobs").asLong()).isZero();
    assertThat(stored(old)).isTrue();

    DataCli.Result text = run("data", "gc", "--dry-run");
    assertThat(text.out()).contains("would remove 1 unreferenced blob (26 B)").contains("dry run");

    JsonNode real = json(run("data", "gc", "--json"));
    assertThat(real.path("removed_blobs").asLong()).isEqualTo(1);
    assertThat(real.path("freed_bytes").asLong()).isEqualTo(old.size());
    // Blobs of the young orphan and the three referenced files are new: kept by the grace period.
    assertThat(real.path("recent_blobs").asLong()).isEqualTo(4);
    assertThat(stored(old)).isFalse();
    assertThat(stored(young)).isTrue();

    JsonNode all = json(run("data", "gc", "--min-age", "0s", "--json"));
    assertThat(all.path("referenced_blobs").asLong()).isEqualTo(3);
    assertThat(all.path("removed_blobs").asLong()).isEqualTo(1);
    assertThat(stored(young)).isFalse();

    for (String version : List.of("1.0.0", "1.1.0")) {
      Path out = dir.resolve("restored-" + version);
      DataCli.Result checkout = run("data", "checkout", "img@" + version, "--to", out);
      assertThat(checkout.exitCode()).as(checkout.err()).isZero();
      assertThat(out.resolve("a.txt")).hasContent("alpha");
    }
    assertThat(dir.resolve("restored-1.1.0/b.txt")).hasContent("beta, edited");
    assertThat(dir.resolve("restored-1.0.0/b.txt")).hasContent("beta");

    JsonNode audit = json(run("audit", "log", "--json"));
    assertThat(audit.toString()).contains("dataset.gc");
  }

  @Test
  void refusesAnUnreadableMinimumAge() {
    DataCli.Result r = run("data", "gc", "--min-age", "soon");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).startsWith("mledger: ").contains("invalid duration 'soon'");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }
}
