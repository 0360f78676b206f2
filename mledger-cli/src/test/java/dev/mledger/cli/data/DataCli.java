package dev.mledger.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code mledger} commands in-process for the data command tests. */
final class DataCli {
  private DataCli() {}

  /** What one command printed and returned. */
  record Result(int exitCode, String out, String err) {}

  /** Runs {@code args} against the store in {@code store} ({@code --data}); none when null. */
  static Result run(Path store, Object... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> strings = new ArrayList<>();
    for (Object a : args) {
      strings.add(a.toString());
    }
    if (store != null) {
      strings.add("--data");
      strings.add(store.toString());
    }
    int code = cli.execute(strings.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** The JSON document a successful command printed. */
  static JsonNode json(Result r) throws IOException {
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    return new ObjectMapper().readTree(r.out());
  }
}
