package dev.mledger.client.envelope;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs short external commands (git, nvidia-smi) with a time limit, never throwing. */
final class Commands {

  /** What a command produced; {@code failure} is null when it exited 0. */
  record Result(byte[] stdout, String failure) {
    boolean ok() {
      return failure == null;
    }

    String text() {
      return new String(stdout, java.nio.charset.StandardCharsets.UTF_8).strip();
    }
  }

  private Commands() {}

  static Result run(Path directory, Duration timeout, List<String> command) {
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      process = builder.start();
    } catch (IOException e) {
      return new Result(new byte[0], command.get(0) + " could not be started: " + e.getMessage());
    }
    // Both streams are drained on their own threads so a chatty command cannot block on a full
    // pipe (the common pool may have a single worker on a small machine).
    FutureTask<byte[]> out = drainOnThread(process.getInputStream(), "stdout");
    FutureTask<byte[]> err = drainOnThread(process.getErrorStream(), "stderr");
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(
            new byte[0],
            String.join(" ", command) + " timed out after " + timeout.toMillis() + " ms");
      }
      byte[] stdout = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      byte[] stderr = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (process.exitValue() != 0) {
        String message = new String(stderr, java.nio.charset.StandardCharsets.UTF_8).strip();
        return new Result(
            stdout,
            String.join(" ", command)
                + " exited with "
                + process.exitValue()
                + (message.isEmpty() ? "" : ": " + firstLine(message)));
      }
      return new Result(stdout, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(new byte[0], String.join(" ", command) + " was interrupted");
    } catch (ExecutionException | TimeoutException | UncheckedIOException e) {
      process.destroyForcibly();
      return new Result(new byte[0], String.join(" ", command) + " output unreadable: " + e);
    }
  }

  private static FutureTask<byte[]> drainOnThread(InputStream in, String name) {
    FutureTask<byte[]> task = new FutureTask<>(() -> drain(in));
    Thread thread = new Thread(task, "mledger-command-" + name);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
