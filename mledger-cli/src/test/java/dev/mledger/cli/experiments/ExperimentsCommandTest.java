package dev.mledger.cli.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.runs.CliRun;
import dev.mledger.cli.runs.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mledger experiments ...} in-process against a real server on a random port. */
class ExperimentsCommandTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun mledger(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--tracking-uri");
    all.add(server.uri());
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void fullLifecycleByNameAndId() {
    JsonNode created = mledger("experiments", "create", "churn", "-t", "team=ads", "--json").json();
    String id = created.get("experiment_id").asText();

    JsonNode shown = mledger("experiments", "show", "churn", "--json").json();
    assertThat(shown.at("/experiment/experiment_id").asText()).isEqualTo(id);
    assertThat(shown.at("/experiment/tags/0/key").asText()).isEqualTo("team");
    assertThat(mledger("experiments", "show", id, "--json").json().at("/experiment/name").asText())
        .isEqualTo("churn");

    JsonNode renamed = mledger("experiments", "rename", id, "churn-v2", "--json").json();
    assertThat(renamed.get("old_name").asText()).isEqualTo("churn");

    JsonNode deleted = mledger("experiments", "delete", "churn-v2", "--json").json();
    assertThat(deleted.get("lifecycle_stage").asText()).isEqualTo("deleted");
    assertThat(names(mledger("experiments", "list", "--json").json())).doesNotContain("churn-v2");
    assertThat(names(mledger("experiments", "list", "--view", "deleted", "--json").json()))
        .contains("churn-v2");

    CliRun restored = mledger("experiments", "restore", id);
    assertThat(restored.out()).isEqualTo("restored experiment " + id + " 'churn-v2'\n");
    assertThat(names(mledger("experiments", "list", "--json").json())).contains("churn-v2");
  }

  @Test
  void listPrintsATableAndFilters() {
    mledger("experiments", "create", "table-a", "--json").json();
    mledger("experiments", "create", "table-b", "--json").json();
    CliRun table = mledger("experiments", "list", "-f", "name LIKE 'table-%'", "-o", "name ASC");
    assertThat(table.exitCode()).as(table.err()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).startsWith("id").contains("name").contains("artifact_location");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("table-a");
    JsonNode capped = mledger("experiments", "list", "-n", "1", "--json").json();
    assertThat(capped.get("experiments")).hasSize(1);
  }

  @Test
  void errorsAreOneLineWithDocumentedExitCodes() {
    mledger("experiments", "show", "nope").failsWith(1, "No experiment with name or id 'nope'");
    mledger("experiments", "show", "987654").failsWith(1, "'987654'");
    mledger("experiments", "create", "dup", "--json").json();
    mledger("experiments", "create", "dup").failsWith(2, "dup");
    mledger("experiments", "create", "tagged", "-t", "novalue").failsWith(2, "KEY=VALUE");
    mledger("experiments", "list", "-f", "name ===").failsWith(2, "");
  }

  private static List<String> names(JsonNode doc) {
    List<String> names = new ArrayList<>();
    doc.get("experiments").forEach(e -> names.add(e.get("name").asText()));
    return names;
  }
}
