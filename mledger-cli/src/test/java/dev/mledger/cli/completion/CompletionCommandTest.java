package dev.mledger.cli.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.cli.runs.CliRun;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {

  @Test
  void bashScriptCompletesCommandsAndOptions() {
    CliRun run = CliRun.of("completion", "bash");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("complete -F _complete_mledger")
        .contains("runs")
        .contains("effect")
        .contains("--direction")
        .contains("experiments");
  }

  @Test
  void zshGetsTheScriptThatLoadsBashcompinit() {
    CliRun run = CliRun.of("completion", "zsh");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("bashcompinit");
  }

  @Test
  void otherShellsAreAUsageError() {
    CliRun.of("completion", "fish").failsWith(2, "bash and zsh");
  }
}
