package dev.mledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real distribution jar the way a user does: {@code java -jar mledger.jar server ...}.
 */
class ServerCommandIT {
  private static final Pattern LISTENING = Pattern.compile("listening on http://([^:]+):(\\d+)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> started = new ArrayList<>();

  @TempDir Path data;

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void serverStartsAnswersHealthKeepsDataAcrossRestartsAndStopsGracefully() throws Exception {
    Server first = startServer("--port", "0", "--data", data.toString());
    assertThat(get(first, "/health")).isEqualTo("200 OK");
    assertThat(get(first, "/version")).startsWith("200 ");

    String created =
        post(first, "/api/2.0/mlflow/experiments/create", "{\"name\":\"persisted-experiment\"}");
    assertThat(created).startsWith("200 ").contains("experiment_id");
    assertThat(Files.exists(data.resolve("mledger.db"))).isTrue();

    first.process.destroy(); // SIGTERM: graceful shutdown
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process.exitValue()).isIn(0, 143);

    Server second = startServer("--port", "0", "--data", data.toString());
    String found =
        get(second, "/api/2.0/mlflow/experiments/get-by-name?experiment_name=persisted-experiment");
    assertThat(found).startsWith("200 ").contains("\"name\": \"persisted-experiment\"");
  }

  @Test
  void portAlreadyInUseIsOneClearLineNotAStackTrace() throws Exception {
    Server first = startServer("--port", "0", "--data", data.toString());
    Process clash =
        new ProcessBuilder(
                command("server", "--port", String.valueOf(first.port), "--data", data.toString()))
            .redirectErrorStream(true)
            .start();
    started.add(clash);
    assertThat(clash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(clash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(clash.exitValue()).isNotZero();
    assertThat(output).contains("mledger: could not listen on").doesNotContain("\tat ");
  }

  @Test
  void badArgumentsAreRejectedWithUsage() throws Exception {
    Process p =
        new ProcessBuilder(command("server", "--port", "not-a-number"))
            .redirectErrorStream(true)
            .start();
    started.add(p);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output).contains("--port").doesNotContain("\tat ");
  }

  @Test
  void versionIsPrinted() throws Exception {
    Process p = new ProcessBuilder(command("--version")).redirectErrorStream(true).start();
    started.add(p);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).startsWith("mledger ");
    assertThat(p.exitValue()).isZero();
  }

  private record Server(Process process, int port) {}

  private Server startServer(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("server"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(command(cmd.toArray(String[]::new))).start();
    started.add(p);
    // Drain stderr so the child never blocks on a full pipe.
    Thread drain = new Thread(() -> drain(p));
    drain.setDaemon(true);
    drain.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new Server(p, Integer.parseInt(m.group(2)));
      }
    }
    throw new AssertionError("server did not report its port");
  }

  private static void drain(Process p) {
    try {
      p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // process ended
    }
  }

  private static List<String> command(String... args) {
    String jar = System.getProperty("mledger.jar");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar);
    cmd.addAll(List.of(args));
    return cmd;
  }

  private String get(Server s, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  private String post(Server s, String path, String json) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }
}
