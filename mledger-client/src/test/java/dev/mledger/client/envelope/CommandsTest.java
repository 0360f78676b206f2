package dev.mledger.client.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

  @Test
  void capturesStdoutOfASuccessfulCommand() {
    Commands.Result result =
        Commands.run(null, Duration.ofSeconds(10), List.of("sh", "-c", "echo hi"));
    assertThat(result.ok()).isTrue();
    assertThat(result.text()).isEqualTo("hi");
  }

  @Test
  void aCommandFillingThePipesDoesNotDeadlock() {
    Commands.Result result =
        Commands.run(
            null,
            Duration.ofSeconds(30),
            List.of("sh", "-c", "head -c 300000 /dev/zero >&2; head -c 300000 /dev/zero; echo"));
    assertThat(result.ok()).isTrue();
    assertThat(result.stdout()).hasSize(300001);
  }

  @Test
  void failuresTimeoutsAndMissingProgramsAreReportedNotThrown() {
    assertThat(
            Commands.run(null, Duration.ofSeconds(10), List.of("sh", "-c", "echo oops >&2; exit 3"))
                .failure())
        .isEqualTo("sh -c echo oops >&2; exit 3 exited with 3: oops");
    assertThat(Commands.run(null, Duration.ofMillis(200), List.of("sleep", "5")).failure())
        .isEqualTo("sleep 5 timed out after 200 ms");
    assertThat(
            Commands.run(null, Duration.ofSeconds(1), List.of("no-such-program-mledger")).failure())
        .startsWith("no-such-program-mledger could not be started");
  }
}
