package dev.mledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.core.tracking.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegistryClient} against a real server: MLflow and native calls, and safe retries. */
class RegistryClientTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir static Path dir;
  static TestServer server;
  static MledgerClient client;

  @BeforeAll
  static void start() {
    server = new TestServer(dir);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static String newName() {
    return "model-" + NAMES.incrementAndGet();
  }

  private static String source(Run run) {
    return run.info().artifactUri() + "/model";
  }

  @Test
  void mlflowRegistryCallsRoundTrip() {
    RegistryClient registry = client.registry();
    String name = newName();
    RegisteredModel created =
        registry.createRegisteredModel(
            name, "churn model", List.of(new RegisteredModelTag("team", "ads")));
    assertThat(created.description()).isEqualTo("churn model");
    assertThat(registry.findRegisteredModel(name)).isPresent();
    assertThat(registry.findRegisteredModel(name + "-missing")).isEmpty();

    Run run = client.createRun(null, "train", List.of());
    ModelVersion v1 =
        registry.createModelVersion(
            name, source(run), run.info().runId(), "first", List.of(new ModelVersionTag("k", "v")));
    assertThat(v1.version()).isEqualTo("1");
    assertThat(v1.runId()).isEqualTo(run.info().runId());
    assertThat(v1.tags())
        .extracting(ModelVersionTag::key)
        .contains("k", RegistryClient.CLIENT_VERSION_ID_TAG);
    ModelVersion v2 =
        registry.createModelVersion(name, "s3://models/churn/2", null, null, List.of());
    assertThat(v2.runId()).isNull();

    assertThat(registry.versionsOf(name))
        .extracting(ModelVersion::version)
        .containsExactly("2", "1");
    assertThat(registry.getModelVersion(name, "1").description()).isEqualTo("first");
    assertThat(registry.updateModelVersion(name, "2", "second").description()).isEqualTo("second");
    assertThat(registry.getModelVersionDownloadUri(name, "1")).isEqualTo(source(run));

    ModelVersion staged = registry.transitionModelVersionStage(name, "1", Stage.STAGING, false);
    assertThat(staged.currentStage()).isEqualTo(Stage.STAGING);
    assertThat(registry.getLatestVersions(name, List.of(Stage.STAGING)))
        .extracting(ModelVersion::version)
        .containsExactly("1");

    registry.setRegisteredModelAlias(name, "champion", "2");
    assertThat(registry.getModelVersionByAlias(name, "champion").version()).isEqualTo("2");
    registry.deleteRegisteredModelAlias(name, "champion");
    assertThat(registry.getRegisteredModel(name).aliases()).isEmpty();

    registry.setRegisteredModelTag(name, "owner", "carol");
    registry.deleteRegisteredModelTag(name, "team");
    assertThat(registry.getRegisteredModel(name).tags())
        .containsExactly(new RegisteredModelTag("owner", "carol"));
    registry.setModelVersionTag(name, "2", "validated", "yes");
    registry.deleteModelVersionTag(name, "2", "validated");
    assertThat(registry.getModelVersion(name, "2").tags())
        .extracting(ModelVersionTag::key)
        .doesNotContain("validated");

    assertThat(
            registry.searchRegisteredModels("name = '" + name + "'", List.of(), 10, null).items())
        .hasSize(1);
    assertThat(registry.searchAllModelVersions("name = '" + name + "'", List.of()).count())
        .isEqualTo(2);
    String renamed = name + "-renamed";
    assertThat(registry.renameRegisteredModel(name, renamed).name()).isEqualTo(renamed);
    assertThat(registry.updateRegisteredModel(renamed, null).description()).isNull();
    registry.deleteModelVersion(renamed, "2");
    registry.deleteRegisteredModel(renamed);
    assertThatThrownBy(() -> registry.getRegisteredModel(renamed))
        .isInstanceOfSatisfying(
            MledgerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void auditedChangesCarryActorReasonAndApproval() {
    RegistryClient registry = client.registry();
    String name = newName();
    registry.createRegisteredModel(name, null, List.of());
    Run run = client.createRun(null, "train", List.of());
    registry.createModelVersion(name, source(run), run.info().runId(), null, List.of());
    registry.createModelVersion(name, source(run), run.info().runId(), null, List.of());

    ChangeContext release =
        new ChangeContext("alice", "passed review", new Approval("bob", "CHG-7"));
    ModelVersion production = registry.transitionStage(name, "1", Stage.PRODUCTION, false, release);
    assertThat(production.currentStage()).isEqualTo(Stage.PRODUCTION);
    registry.transitionStage(name, "2", Stage.PRODUCTION, true, ChangeContext.by("alice"));
    assertThat(registry.getModelVersion(name, "1").currentStage()).isEqualTo(Stage.ARCHIVED);
    registry.setAlias(name, "champion", "2", ChangeContext.by("dan").withReason("best"));
    RegistryClient.Resolution resolved = registry.resolve("models:/" + name + "@champion");
    assertThat(resolved.version().version()).isEqualTo("2");
    assertThat(resolved.downloadUri()).isEqualTo(source(run));
    registry.deleteAlias(name, "champion", ChangeContext.by("dan").withReason("retired"));

    List<StageTransition> history = registry.history(name);
    assertThat(history).hasSize(5);
    StageTransition first = history.get(0);
    assertThat(first.change())
        .isEqualTo(new RegistryChange.StageChange(Stage.NONE, Stage.PRODUCTION));
    assertThat(first.actor()).isEqualTo("alice");
    assertThat(first.reason()).isEqualTo("passed review");
    assertThat(first.approval()).isEqualTo(new Approval("bob", "CHG-7"));
    assertThat(history.get(3).change())
        .isEqualTo(new RegistryChange.AliasChange("champion", null, "2"));
    assertThat(history.get(3).actor()).isEqualTo("dan");
    assertThat(history.get(4).change())
        .isEqualTo(new RegistryChange.AliasChange("champion", "2", null));
    assertThat(history.get(4).reason()).isEqualTo("retired");

    assertThatThrownBy(() -> registry.resolve("models:/" + name + "@nobody"))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void retriesAfterLostResponsesChangeNothingTwice() throws Exception {
    String name = newName();
    try (FlakyProxy proxy = new FlakyProxy(server.uri());
        MledgerClient viaProxy = TestServer.client(proxy.uri())) {
      RegistryClient registry = viaProxy.registry();
      // Each call reaches the server, but the client only sees a 502 and tries again.
      proxy.inject(new FlakyProxy.LoseResponse("registered-models/create", 502));
      assertThat(registry.createRegisteredModel(name, null, List.of()).name()).isEqualTo(name);

      Run run = viaProxy.createRun(null, "train", List.of());
      proxy.inject(new FlakyProxy.LoseResponse("model-versions/create", 502));
      ModelVersion version =
          registry.createModelVersion(name, source(run), run.info().runId(), null, List.of());
      assertThat(version.version()).isEqualTo("1");
      assertThat(proxy.count("model-versions/create")).isEqualTo(1);

      proxy.inject(new FlakyProxy.LoseResponse("/versions/1/stage", 504));
      assertThat(
              registry
                  .transitionStage(name, "1", Stage.STAGING, false, ChangeContext.by("alice"))
                  .currentStage())
          .isEqualTo(Stage.STAGING);
      proxy.inject(new FlakyProxy.LoseResponse("/aliases/champion", 502));
      registry.setAlias(name, "champion", "1", ChangeContext.by("alice"));
      proxy.inject(new FlakyProxy.LoseResponse("/aliases/champion", 502));
      registry.deleteAlias(name, "champion", ChangeContext.by("alice"));

      assertThat(proxy.count("/versions/1/stage")).isEqualTo(1);
      assertThat(proxy.count("/aliases/champion")).isEqualTo(2);
    }
    RegistryClient direct = client.registry();
    assertThat(direct.versionsOf(name)).hasSize(1);
    assertThat(direct.history(name)).hasSize(3);
  }
}
