package dev.mledger.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.runs.CliRun;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.lineage.LineageEdge;
import dev.mledger.core.lineage.NodeId;
import dev.mledger.core.lineage.Relation;
import dev.mledger.core.tracking.Dataset;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.Metric;
import dev.mledger.core.tracking.Run;
import dev.mledger.server.MledgerServer;
import dev.mledger.server.ServerConfig;
import dev.mledger.store.NewRun;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.LocalArtifactStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mledger models} in-process against a real server on a random port, whose artifacts live in
 * the store behind its artifact proxy ({@code mlflow-artifacts:}).
 */
class ModelsCommandTest {
  private static final String PROXIED = "mlflow-artifacts:";

  @TempDir Path dir;
  private Stores stores;
  private LocalArtifactStore artifacts;
  private MledgerServer server;
  private String uri;
  private String experimentId;

  @BeforeEach
  void start() {
    stores = Stores.open("sqlite:///" + dir.resolve("m.db"), PROXIED);
    artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
    server =
        new MledgerServer(new ServerConfig("127.0.0.1", 0, stores, PROXIED, "test", artifacts));
    uri = "http://127.0.0.1:" + server.start();
    experimentId = stores.tracking().createExperiment("churn", null, List.of());
  }

  @AfterEach
  void stop() {
    server.stop();
    artifacts.close();
    stores.close();
  }

  private CliRun mledger(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--tracking-uri");
    all.add(uri);
    return CliRun.of(all.toArray(String[]::new));
  }

  /** A run with test_r2, an envelope and a logged model file in the proxied artifact store. */
  private String trainedRun(double r2) {
    Run run = stores.tracking().createRun(new NewRun(experimentId, "alice", 1, "train", List.of()));
    String runId = run.info().runId();
    stores
        .tracking()
        .logBatch(runId, List.of(new Metric("test_r2", r2, 2, 0)), List.of(), List.of());
    stores.envelopes().put(runId, new Envelope(List.of(), null, null, 42L, null));
    artifacts.put(
        storePath(run.info().artifactUri()) + "/model/MLmodel",
        new ByteArrayInputStream("flavors: {}\n".getBytes(StandardCharsets.UTF_8)));
    return runId;
  }

  private static String storePath(String proxiedUri) {
    return proxiedUri.replaceFirst("^mlflow-artifacts:/*", "");
  }

  private String register(String runId) {
    return mledger("models", "register", "churn", "--run", runId, "--path", "model", "--json")
        .json()
        .at("/model_version/version")
        .asText();
  }

  @Test
  void registerListShowVersionsStageAliasAndHistory() {
    String run1 = trainedRun(0.9);
    JsonNode first =
        mledger(
                "models",
                "register",
                "churn",
                "--run",
                run1,
                "--path",
                "/model/",
                "--tag",
                "team=ads",
                "--json")
            .json();
    assertThat(first.get("registered_model_created").asBoolean()).isTrue();
    assertThat(first.at("/model_version/version").asText()).isEqualTo("1");
    assertThat(first.at("/model_version/run_id").asText()).isEqualTo(run1);
    assertThat(first.at("/model_version/source").asText())
        .isEqualTo(stores.tracking().getRun(run1).info().artifactUri() + "/model");
    assertThat(first.at("/model_version/tags").toString()).contains("\"team\"");

    String run2 = trainedRun(0.91);
    CliRun second = mledger("models", "register", "churn", "--run", run2, "--path", "model");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .isEqualTo(
            "Registered model churn version 2 from run "
                + run2
                + " ("
                + stores.tracking().getRun(run2).info().artifactUri()
                + "/model).\n");

    CliRun list = mledger("models", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("name").contains("churn").contains("None: 2");
    JsonNode listed = mledger("models", "list", "--filter", "name LIKE 'ch%'", "--json").json();
    assertThat(listed.get("registered_models")).hasSize(1);
    assertThat(mledger("models", "list", "--filter", "name = 'other'").out())
        .isEqualTo("No registered models found.\n");

    JsonNode versions = mledger("models", "versions", "churn", "--json").json();
    assertThat(versions.get("model_versions"))
        .extracting(v -> v.get("version").asText())
        .containsExactly("2", "1");
    assertThat(mledger("models", "versions", "churn").out()).contains("READY").contains(run1);

    JsonNode staged =
        mledger(
                "models",
                "stage",
                "churn",
                "1",
                "production",
                "--reason",
                "first release",
                "--actor",
                "alice",
                "--approved-by",
                "bob",
                "--approval-reference",
                "T-1",
                "--json")
            .json();
    assertThat(staged.at("/model_version/current_stage").asText()).isEqualTo("Production");
    CliRun archived =
        mledger(
            "models",
            "stage",
            "churn",
            "2",
            "Production",
            "--archive-existing",
            "--actor",
            "alice");
    assertThat(archived.out())
        .isEqualTo("Model churn version 2 is now in stage Production (other versions archived).\n");

    CliRun alias =
        mledger(
            "models", "alias", "churn", "champion", "2", "--reason", "best r2", "--actor", "dan");
    assertThat(alias.out()).isEqualTo("Alias champion of model churn now points at version 2.\n");
    JsonNode shown = mledger("models", "show", "churn", "--json").json();
    assertThat(shown.at("/registered_model/aliases/0/alias").asText()).isEqualTo("champion");
    assertThat(shown.at("/registered_model/aliases/0/version").asText()).isEqualTo("2");
    assertThat(mledger("models", "show", "churn").out())
        .contains("champion=2")
        .contains("Production")
        .contains("Archived");
    JsonNode deleted =
        mledger("models", "alias", "--delete", "churn", "champion", "--reason", "retired", "--json")
            .json();
    assertThat(deleted.get("deleted").asBoolean()).isTrue();

    JsonNode history = mledger("models", "history", "churn", "--json").json().get("history");
    assertThat(history).hasSize(5);
    JsonNode firstChange = history.get(0);
    assertThat(firstChange.get("kind").asText()).isEqualTo("stage");
    assertThat(firstChange.get("to_stage").asText()).isEqualTo("Production");
    assertThat(firstChange.get("actor").asText()).isEqualTo("alice");
    assertThat(firstChange.get("reason").asText()).isEqualTo("first release");
    assertThat(firstChange.at("/approval/approver").asText()).isEqualTo("bob");
    assertThat(firstChange.at("/approval/reference").asText()).isEqualTo("T-1");
    assertThat(history.get(3).get("actor").asText()).isEqualTo("dan");
    assertThat(history.get(4).get("new_version").isNull()).isTrue();
    assertThat(history.get(4).get("reason").asText()).isEqualTo("retired");
    assertThat(mledger("models", "history", "churn").out())
        .contains("stage None -> Production")
        .contains("stage Production -> Archived")
        .contains("alias champion set -> 2")
        .contains("alias champion removed (was 2)")
        .contains("bob (T-1)");
  }

  @Test
  void errorsAreOneLineWithTheDocumentedExitCodes() {
    register(trainedRun(0.9));
    mledger("models", "show", "nope").failsWith(1, "nope");
    mledger("models", "versions", "nope").failsWith(1, "nope");
    mledger("models", "stage", "churn", "1", "Limbo").failsWith(2, "Limbo");
    mledger("models", "stage", "churn", "9", "Staging").failsWith(1, "9");
    mledger("models", "alias", "churn", "champion").failsWith(2, "give NAME ALIAS VERSION");
    mledger("models", "alias", "--delete", "churn", "champion", "1").failsWith(2, "--delete");
    mledger("models", "register", "churn", "--run", "0123456789abcdef", "--path", "model")
        .failsWith(1, "0123456789abcdef");
    mledger("models", "register", "churn", "--run", "x", "--path", "/", "--json")
        .failsWith(2, "--path");
    CliRun down = CliRun.of("models", "list", "--tracking-uri", "http://127.0.0.1:1");
    down.failsWith(3, "cannot reach the tracking server");
    assertThat(mledger("models", "history", "nope").out())
        .isEqualTo("No stage or alias changes recorded for model 'nope'.\n");
  }

  @Test
  void gateEvaluateApproveThenPromoteAndRefusalWithoutDecision() throws Exception {
    String version = register(trainedRun(0.9));
    Path gate = dir.resolve("gate.yaml");
    Files.writeString(
        gate,
        "name: release\nrules:\n  - type: metric_threshold\n    metric: test_r2\n"
            + "    direction: higher\n    threshold: 0.8\n");

    mledger("models", "promote", "churn", version, "--alias", "champion")
        .failsWith(4, "No gate decision exists for model 'churn' version 1");

    JsonNode evaluated =
        mledger(
                "gate",
                "evaluate",
                "--gate",
                gate.toString(),
                "--model",
                "churn",
                "--candidate",
                version,
                "--json")
            .json();
    String decision = evaluated.at("/decisions/0/id").asText();
    assertThat(evaluated.at("/decisions/0/passed").asBoolean()).isTrue();

    mledger("models", "promote", "churn", version, "--alias", "champion")
        .failsWith(4, "is not approved yet");

    CliRun approved =
        mledger(
            "gate", "approve", decision, "--comment", "evidence reviewed", "--approver", "carol");
    assertThat(approved.exitCode()).as(approved.err()).isZero();

    JsonNode promoted =
        mledger("models", "promote", "churn", version, "--alias", "champion", "--json").json();
    assertThat(promoted.get("decision_id").asText()).isEqualTo(decision);
    JsonNode model = mledger("models", "show", "churn", "--json").json();
    assertThat(model.at("/registered_model/aliases/0/version").asText()).isEqualTo(version);
    JsonNode history = mledger("models", "history", "churn", "--json").json().get("history");
    assertThat(history.get(0).get("reason").asText()).contains(decision);
    assertThat(history.get(0).at("/approval/approver").asText()).isEqualTo("carol");

    CliRun card = mledger("models", "card", "churn", version);
    assertThat(card.exitCode()).as(card.err()).isZero();
    assertThat(card.out()).contains("# Model card: churn version 1").contains("Approved by carol");
    assertThat(mledger("models", "card", "churn", version, "--json").json().get("metrics"))
        .isNotEmpty();
  }

  @Test
  void cardShowsTheLineageClosureAndTheEndpointsDownstream() {
    String runId = trainedRun(0.9);
    stores
        .tracking()
        .logInputs(
            runId,
            List.of(
                new DatasetInput(
                    List.of(),
                    new Dataset(
                        "features", "f00d", "local", "{\"uri\": \"/data/f.csv\"}", null, null))));
    String version = register(runId);
    stores
        .lineage()
        .addEdge(
            new LineageEdge(
                new NodeId.Model("churn", Long.parseLong(version)),
                new NodeId.Endpoint("churn-prod"),
                Relation.DEPLOYED));

    CliRun card = mledger("models", "card", "churn", version);
    assertThat(card.exitCode()).as(card.err()).isZero();
    assertThat(card.out())
        .contains("### Upstream dependency closure")
        .contains("| `dataset:file//data/f.csv@f00d` | dataset | 2 | `f00d` |")
        .contains("- `run:" + runId + "` → `model:churn/" + version + "` (trained)")
        .contains("- Endpoints: `endpoint:churn-prod`");
    JsonNode lineage = mledger("models", "card", "churn", version, "--json").json().get("lineage");
    assertThat(lineage.get("recorded").asBoolean()).isTrue();
    assertThat(lineage.get("upstream").toString())
        .contains("\"run:" + runId + "\"")
        .contains("\"dataset:file//data/f.csv@f00d\"");
    assertThat(lineage.at("/downstream/endpoints/0").asText()).isEqualTo("endpoint:churn-prod");
  }

  @Test
  void rollbackFindsTheLastResolvingVersionOrRefusesWithTheReason() {
    String v1 = register(trainedRun(0.9));
    String v2Run = trainedRun(0.92);
    String v2 = register(v2Run);
    String v3 = register(trainedRun(0.95));
    for (String v : List.of(v1, v2, v3)) {
      CliRun promoted =
          mledger(
              "models",
              "promote",
              "churn",
              v,
              "--alias",
              "champion",
              "--override-reason",
              "bootstrap");
      assertThat(promoted.exitCode()).as(promoted.err()).isZero();
    }

    // The closure of proxied artifacts is checked in the server's artifact store, not skipped.
    JsonNode plan = mledger("models", "rollback", "churn", "--dry-run", "--json").json();
    JsonNode newest = plan.get("candidates").get(0);
    assertThat(newest.get("version").asText()).isEqualTo(v2);
    assertThat(newest.get("resolves").asBoolean()).isTrue();
    JsonNode modelArtifacts = null;
    for (JsonNode item : newest.get("closure")) {
      if (item.get("kind").asText().equals("model_artifacts")) {
        modelArtifacts = item;
      }
    }
    assertThat(modelArtifacts).isNotNull();
    assertThat(modelArtifacts.get("status").asText()).isEqualTo("resolved");

    // Version 2's model files are gone: the rollback skips it and lands on version 1.
    artifacts.delete(storePath(stores.tracking().getRun(v2Run).info().artifactUri()) + "/model");
    JsonNode rolledBack =
        mledger("models", "rollback", "churn", "--reason", "bad canary", "--json").json();
    assertThat(rolledBack.get("version").asText()).isEqualTo(v1);
    assertThat(rolledBack.at("/override/reason").asText())
        .contains("rollback from version 3 to version 1")
        .contains("bad canary");
    assertThat(
            mledger("models", "show", "churn", "--json")
                .json()
                .at("/registered_model/aliases/0/version")
                .asText())
        .isEqualTo(v1);

    // Now only versions 3 and 2 held the alias before; make 3 unresolvable too and it refuses.
    stores
        .tracking()
        .deleteRun(
            mledger("models", "versions", "churn", "--json")
                .json()
                .at("/model_versions/0/run_id")
                .asText());
    mledger("models", "rollback", "churn")
        .failsWith(4, "No previous version of model 'churn' can be rolled back to")
        .failsWith(4, "model_artifacts");
  }
}
