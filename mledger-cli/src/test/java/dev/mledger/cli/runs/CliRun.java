package dev.mledger.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** One in-process invocation of the {@code mledger} command line and what it printed. */
public record CliRun(int exitCode, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static CliRun of(String... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The single JSON document printed on success. */
  public JsonNode json() {
    assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("not one JSON document: " + out, e);
    }
  }

  /** Asserts a failure reported as one {@code mledger: ...} line with this exit code. */
  public CliRun failsWith(int expectedExitCode, String messagePart) {
    assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(expectedExitCode);
    assertThat(err).startsWith("mledger: ").contains(messagePart).doesNotContain("\tat ");
    assertThat(err.strip().lines().count()).as("one line: %s", err).isEqualTo(1);
    assertThat(out).isEmpty();
    return this;
  }
}
