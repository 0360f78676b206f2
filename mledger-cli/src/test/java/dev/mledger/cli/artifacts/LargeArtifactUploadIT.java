package dev.mledger.cli.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB artifact through the real distribution jar whose JVM has a 256 MiB heap: the upload must
 * stream end to end (HTTP body, hashing, storage), and the download must return the same bytes.
 */
class LargeArtifactUploadIT {
  private static final long SIZE = 2L * 1024 * 1024 * 1024;
  private static final Pattern LISTENING = Pattern.compile("listening on http://([^:]+):(\\d+)");

  @TempDir Path data;
  private Process server;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void twoGibibyteUploadStreamsThroughABoundedHeap() throws Exception {
    int port = startServer();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI uri =
        URI.create("http://127.0.0.1:" + port + "/api/2.0/mlflow-artifacts/artifacts/big/blob.bin");

    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    HttpRequest put =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(5))
            .PUT(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(SIZE, sent)),
                    SIZE))
            .build();
    HttpResponse<String> uploaded = http.send(put, HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    String sentSha = HexFormat.of().formatHex(sent.digest());

    HttpResponse<InputStream> download =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    long count = 0;
    try (InputStream in = download.body()) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        received.update(buffer, 0, n);
        count += n;
      }
    }
    assertThat(count).isEqualTo(SIZE);
    assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sentSha);
    assertThat(server.isAlive()).as("the server survived with -Xmx256m").isTrue();
  }

  private int startServer() throws IOException {
    server =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-jar",
                    System.getProperty("mledger.jar"),
                    "server",
                    "--port",
                    "0",
                    "--data",
                    data.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(server.getInputStream()));
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(2));
      }
    }
    throw new AssertionError("server did not report its port");
  }

  private static void drain(InputStream in) {
    try {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the server stopped
    }
  }

  /** {@code size} pseudo-random bytes, hashed as they are produced; nothing is held in memory. */
  private static final class GeneratedStream extends InputStream {
    private final SplittableRandom random = new SplittableRandom(42);
    private final MessageDigest digest;
    private long remaining;

    GeneratedStream(long size, MessageDigest digest) {
      this.remaining = size;
      this.digest = digest;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      for (int i = 0; i < n; i += 8) {
        long value = random.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          b[off + i + j] = (byte) (value >>> (8 * j));
        }
      }
      digest.update(b, off, n);
      remaining -= n;
      return n;
    }
  }
}
