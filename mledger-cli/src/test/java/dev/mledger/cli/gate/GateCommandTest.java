package dev.mledger.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command-line behaviour that needs no server: gate-file errors and an unreachable server. */
class GateCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void aBadGateFileIsReportedWithLineAndColumnBeforeAnyRequest(@TempDir Path dir) throws Exception {
    Path gate = dir.resolve("gate.yaml");
    Files.writeString(
        gate, "name: g\nrules:\n  - type: guardrail\n    kind: p95_latency_ms\n    limit: fast\n");
    int exit =
        run(
            "gate",
            "evaluate",
            "--gate",
            gate.toString(),
            "--model",
            "m",
            "--candidate",
            "1",
            "--tracking-uri",
            "http://127.0.0.1:1");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains(gate + ":5:5: rules[0].limit: expected a finite number, got 'fast'.");
  }

  @Test
  void anUnreachableServerIsExitCodeThree(@TempDir Path dir) throws Exception {
    Path gate = dir.resolve("gate.json");
    Files.writeString(
        gate,
        "{\"name\": \"g\", \"rules\": [{\"type\": \"guardrail\", \"kind\": \"safety\", \"limit\": 0.9}]}");
    int exit =
        run(
            "gate",
            "evaluate",
            "--gate",
            gate.toString(),
            "--model",
            "m",
            "--candidate",
            "1",
            "--tracking-uri",
            "http://127.0.0.1:1");
    assertThat(exit).isEqualTo(3);
    assertThat(err.toString()).contains("cannot reach the server at http://127.0.0.1:1");
  }
}
