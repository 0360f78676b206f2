package dev.mledger.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.dataset.PointerFile;
import dev.mledger.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mledger data ...} in-process against an embedded store in a temporary directory. */
class DataCommandTest {
  @TempDir Path dir;
  private Path data;
  private Path work;

  private DataCli.Result run(Object... args) {
    // A bare group command (e.g. `data`) takes no --data option.
    return DataCli.run(args.length > 1 ? data : null, args);
  }

  private static JsonNode json(DataCli.Result r) throws IOException {
    return DataCli.json(r);
  }

  @BeforeEach
  void setUp() throws IOException {
    data = dir.resolve("store");
    work = Files.createDirectories(dir.resolve("work"));
  }

  private Path csv(String name, String text) throws IOException {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void addWritesAPointerAndCheckoutRestoresExactBytes() throws IOException {
    Path tree = Files.createDirectories(work.resolve("images/train"));
    byte[] binary = new byte[70_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    Files.write(tree.resolve("a.bin"), binary);
    Files.writeString(tree.resolve("b.txt"), "hello");
    JsonNode added =
        json(
            run(
                "data",
                "add",
                work.resolve("images"),
                "--name",
                "images",
                "--json",
                "--owner",
                "ml"));
    assertThat(added.get("version").asText()).isEqualTo("1.0.0");
    assertThat(added.get("files").asLong()).isEqualTo(2);
    PointerFile pointer = PointerFile.parse(Files.readString(work.resolve("images.mledger")));
    assertThat(pointer.sha256()).isEqualTo(added.get("sha256").asText());

    Path restored = dir.resolve("restored");
    DataCli.Result checkout = run("data", "checkout", "images@1.0.0", "--to", restored);
    assertThat(checkout.exitCode()).as(checkout.err()).isZero();
    assertThat(Files.readAllBytes(restored.resolve("train/a.bin"))).isEqualTo(binary);
    assertThat(Files.readString(restored.resolve("train/b.txt"))).isEqualTo("hello");

    Files.writeString(restored.resolve("train/b.txt"), "changed");
    DataCli.Result refused = run("data", "checkout", "images@1.0.0", "--to", restored);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("refused").contains("train/b.txt").contains("--force");
    assertThat(Files.readString(restored.resolve("train/b.txt"))).isEqualTo("changed");
    assertThat(run("data", "checkout", "images@1.0.0", "--to", restored, "--force").exitCode())
        .isZero();
    assertThat(Files.readString(restored.resolve("train/b.txt"))).isEqualTo("hello");
  }

  @Test
  void corruptedBlobsAreDetectedOnCheckout() throws IOException {
    Path file = csv("d.csv", "id,v\n1,10\n2,20\n");
    JsonNode added = json(run("data", "add", file, "--name", "d", "--json"));
    String sha = added.get("sha256").asText();
    Path blob;
    try (Stream<Path> all = Files.walk(data.resolve("datasets/blobs"))) {
      blob = all.filter(p -> p.getFileName().toString().equals(sha)).findFirst().orElseThrow();
    }
    Files.writeString(blob, "id,v\n1,10\n2,21\n");
    DataCli.Result r = run("data", "checkout", "d@1.0.0", "--to", dir.resolve("out.csv"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).startsWith("mledger: ").contains("corrupted");
    assertThat(dir.resolve("out.csv")).doesNotExist();
  }

  @Test
  void rollbackMovesCurrentAndRewritesThePointer() throws IOException {
    Path file = csv("d.csv", "id,v\n1,10\n");
    run("data", "add", file, "--name", "d", "-q");
    Files.writeString(file, "id,v\n1,10\n2,20\n");
    assertThat(run("data", "add", file, "--name", "d", "--bump", "major", "-q").exitCode())
        .isZero();
    Path pointer = work.resolve("d.mledger");
    assertThat(PointerFile.parse(Files.readString(pointer)).version()).hasToString("2.0.0");

    DataCli.Result r = run("data", "rollback", "d", "--pointer", pointer, "--reason", "bad rows");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("2.0.0 -> 1.0.0");
    assertThat(PointerFile.parse(Files.readString(pointer)).version()).hasToString("1.0.0");
    JsonNode shown = json(run("data", "show", "d", "--json"));
    assertThat(shown.get("version").asText()).isEqualTo("1.0.0");
    assertThat(shown.get("versions")).hasSize(2);
    assertThat(shown.get("events").get(2).get("action").asText()).isEqualTo("rollback");
    try (Stores stores = Stores.open("sqlite:///" + data.resolve("mledger.db"), "x")) {
      assertThat(stores.audit().list(0, 100))
          .extracting(e -> e.action())
          .containsExactly("dataset.add", "dataset.add", "dataset.rollback");
    }
  }

  @Test
  void diffKeyedAndUnkeyed() throws IOException {
    Path file = csv("t.csv", "id,v,c\n1,10,x\n2,20,y\n3,30,z\n");
    run("data", "add", file, "--name", "t", "--key", "id", "-q");
    Files.writeString(file, "id,v,n\n1,10,1\n2,21,2\n4,40,3\n");
    run("data", "add", file, "--name", "t", "--key", "id", "-q");

    JsonNode keyed = json(run("data", "diff", "t@1.0.0", "t@1.1.0", "--json"));
    JsonNode rows = keyed.get("table").get("rows");
    assertThat(rows.get("key").get(0).asText()).isEqualTo("id");
    assertThat(rows.get("added").asLong()).isEqualTo(1);
    assertThat(rows.get("removed").asLong()).isEqualTo(1);
    assertThat(rows.get("changed").asLong()).isEqualTo(1);
    assertThat(keyed.get("table").get("schema_changes")).hasSize(2);
    assertThat(keyed.get("files").get("modified").asLong()).isEqualTo(1);

    DataCli.Result text = run("data", "diff", "t@1.0.0", "t@1.1.0", "--key", "");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("rows: 3 -> 3")
        .contains("(no key, compared as a multiset): 2 added, 2 removed")
        .contains("- column c (categorical)")
        .contains("+ column n (numeric)");
  }

  @Test
  void checkPassesWarnsAndBlocksWithExitCodes() throws IOException {
    Path file = csv("u.csv", "id,email\n1,a@x\n2,b@x\n");
    run("data", "add", file, "--name", "u", "--license", "MIT", "--pii", "email", "-q");
    Path pass = work.resolve("pass.yaml");
    Files.writeString(
        pass,
        "schema: {columns: [{name: id, type: numeric}, email]}\n"
            + "row_count: {min: 1}\nlicense: {allowed: [MIT]}\nprivacy: {allowed_pii: [email]}\n");
    JsonNode ok =
        json(run("data", "check", work.resolve("u.mledger"), "--contract", pass, "--json"));
    assertThat(ok.get("status").asText()).isEqualTo("pass");
    assertThat(ok.get("checks").get(0).get("check").asText()).isEqualTo("pointer");

    Path warn = work.resolve("warn.yaml");
    Files.writeString(warn, "freshness: {warn_after: 0s, block_after: 30d}\n");
    DataCli.Result warned = run("data", "check", "u@1.0.0", "--contract", warn);
    assertThat(warned.exitCode()).isZero();
    assertThat(warned.out()).contains("WARN").contains("PASSED: 1 checks, 1 warnings");

    Path block = work.resolve("block.yaml");
    Files.writeString(block, "license: {allowed: [CC-BY-4.0]}\nrow_count: {min: 10}\n");
    DataCli.Result blocked = run("data", "check", "u", "--contract", block);
    assertThat(blocked.exitCode()).isEqualTo(CheckDataCommand.BLOCKED);
    assertThat(blocked.out()).contains("BLOCKED: 2 checks, 0 warnings, 2 blocking");

    Path typo = work.resolve("typo.yaml");
    Files.writeString(typo, "licence: {allowed: [MIT]}\n");
    DataCli.Result bad = run("data", "check", "u", "--contract", typo);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown key 'licence'");
  }

  @Test
  void badInputIsOneLineAndNonZero() throws IOException {
    DataCli.Result missing = run("data", "add", work.resolve("nope.csv"), "--name", "x");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("mledger: ").contains("no such file");
    Path file = csv("a.csv", "a\n1\n");
    run("data", "add", file, "--name", "a", "--version", "1.2.0", "-q");
    DataCli.Result taken = run("data", "add", file, "--name", "a", "--version", "1.2.0");
    assertThat(taken.exitCode()).isEqualTo(2);
    assertThat(taken.err()).contains("already exists");
    DataCli.Result unknown = run("data", "show", "nothing");
    assertThat(unknown.err()).contains("No dataset named 'nothing'");
    JsonNode list = json(run("data", "list", "--json"));
    assertThat(list.get("datasets").get(0).get("latest_version").asText()).isEqualTo("1.2.0");
  }

  @Test
  void runLinkageIsVisibleAsAnMlflowDatasetInput() throws IOException {
    String runId;
    try (Stores stores = Stores.open("sqlite:///" + data.resolve("mledger.db"), "x")) {
      String exp = stores.tracking().createExperiment("e", null, List.of());
      runId =
          stores
              .tracking()
              .createRun(new dev.mledger.store.NewRun(exp, "u", 1L, "r", List.of()))
              .info()
              .runId();
    }
    Path file = csv("train.csv", "x,y\n1,2\n3,4\n");
    JsonNode added = json(run("data", "add", file, "--name", "train", "--run", runId, "--json"));
    try (Stores stores = Stores.open("sqlite:///" + data.resolve("mledger.db"), "x")) {
      var inputs = stores.tracking().getRun(runId).inputs();
      assertThat(inputs).hasSize(1);
      var dataset = inputs.get(0).dataset();
      assertThat(dataset.name()).isEqualTo("train");
      assertThat(added.get("sha256").asText()).startsWith(dataset.digest());
      assertThat(dataset.sourceType()).isEqualTo("mledger");
      assertThat(dataset.profile()).contains("\"num_rows\":2");
    }
    DataCli.Result unknownRun =
        run("data", "add", file, "--name", "train", "--run", "0".repeat(32));
    assertThat(unknownRun.exitCode()).isEqualTo(2);
  }
}
