package dev.mledger.cli.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.Main;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.LocalArtifactStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ArtifactsCommandTest {
  @TempDir static Path serverDir;
  @TempDir Path work;
  private static Stores stores;
  private static LocalArtifactStore artifacts;
  private static MledgerServer server;
  private static String uri;

  @BeforeAll
  static void start() {
    stores = Stores.open("sqlite:///" + serverDir.resolve("m.db"), "mlflow-artifacts:");
    artifacts = new LocalArtifactStore(serverDir.resolve("artifacts"));
    server =
        new MledgerServer(
            new ServerConfig("127.0.0.1", 0, stores, "mlflow-artifacts:", "test", artifacts));
    uri = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
    stores.close();
    artifacts.close();
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void uploadsListsAndDownloadsADirectoryTree() throws Exception {
    Path model = Files.createDirectories(work.resolve("model"));
    Files.writeString(model.resolve("MLmodel"), "flavors: {}\n");
    Files.createDirectories(model.resolve("data"));
    byte[] weights = new byte[1_000_000];
    new Random(3).nextBytes(weights);
    Files.write(model.resolve("data/weights.bin"), weights);

    Result up =
        run("artifacts", "upload", model.toString(), "exp/run1", "--tracking-uri", uri, "--json");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.err()).isEmpty();
    JsonNode uploaded = new ObjectMapper().readTree(up.out()).get("uploaded");
    assertThat(uploaded.findValuesAsText("path"))
        .containsExactly("exp/run1/MLmodel", "exp/run1/data/weights.bin");

    Result list = run("artifacts", "list", "exp/run1", "--tracking-uri", uri);
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("MLmodel").contains("data/");

    Result down =
        run(
            "artifacts",
            "download",
            "exp/run1",
            "--dest",
            work.resolve("out").toString(),
            "--tracking-uri",
            uri);
    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(down.err()).contains("download run1: 976.6 KiB in");
    assertThat(Files.readAllBytes(work.resolve("out/run1/data/weights.bin"))).isEqualTo(weights);
    assertThat(Files.readString(work.resolve("out/run1/MLmodel"))).isEqualTo("flavors: {}\n");

    Result single =
        run(
            "artifacts",
            "download",
            "exp/run1/MLmodel",
            "-d",
            work.toString(),
            "-q",
            "--tracking-uri",
            uri);
    assertThat(single.exitCode()).isZero();
    assertThat(single.err()).isEmpty();
    assertThat(Files.readString(work.resolve("MLmodel"))).isEqualTo("flavors: {}\n");
  }

  @Test
  void runRelativePathsFollowTheRunsArtifactRoot() throws Exception {
    var experiment = stores.tracking().createExperiment("cli-artifacts", null, java.util.List.of());
    var run =
        stores
            .tracking()
            .createRun(new dev.mledger.store.NewRun(experiment, "u", 1L, "r", java.util.List.of()));
    Path file = Files.writeString(work.resolve("metrics.csv"), "a,b\n1,2\n");
    Result up =
        run(
            "artifacts",
            "upload",
            file.toString(),
            "--run-id",
            run.info().runId(),
            "-q",
            "--tracking-uri",
            uri);
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(artifacts.exists(experiment + "/" + run.info().runId() + "/artifacts/metrics.csv"))
        .isTrue();
  }

  @Test
  void errorsAreOneLineWithExitCodes() {
    Result missing =
        run("artifacts", "upload", work.resolve("nope").toString(), "--tracking-uri", uri);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("mledger: no such file or directory");

    Result notFound =
        run(
            "artifacts",
            "download",
            "absent/file.bin",
            "-d",
            work.toString(),
            "--tracking-uri",
            uri);
    assertThat(notFound.exitCode()).isEqualTo(2);
    assertThat(notFound.err())
        .contains("No artifact found at 'absent/file.bin'")
        .doesNotContain("\tat ");

    Result unsafe = run("artifacts", "list", "../../etc", "--tracking-uri", uri);
    assertThat(unsafe.exitCode()).isEqualTo(2);
    assertThat(unsafe.err()).contains("Invalid path");

    Result down = run("artifacts", "list", "--tracking-uri", "http://127.0.0.1:1");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err()).startsWith("mledger: cannot reach the mledger server");
  }
}
