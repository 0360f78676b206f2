package dev.mledger.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.CreateModelVersion;
import org.mlflow.api.proto.ModelRegistry.CreateRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.GetModelVersionByAlias;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.ModelVersionStatus;
import org.mlflow.api.proto.ModelRegistry.ModelVersionTag;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.api.proto.ModelRegistry.RegisteredModelTag;
import org.mlflow.api.proto.ModelRegistry.RenameRegisteredModel;
import org.mlflow.api.proto.ModelRegistry.SearchRegisteredModels;
import org.mlflow.api.proto.ModelRegistry.SetModelVersionTag;
import org.mlflow.api.proto.ModelRegistry.SetRegisteredModelAlias;
import org.mlflow.api.proto.ModelRegistry.TransitionModelVersionStage;
import org.mlflow.api.proto.ModelRegistry.UpdateModelVersion;
import org.mlflow.api.proto.ModelRegistry.UpdateRegisteredModel;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * The real MLflow 2.17.2 Java client against a running server: every registry read it offers
 * (getRegisteredModel, getLatestVersions, getModelVersion, getModelVersionDownloadUri,
 * searchModelVersions with paging), and the writes it lacks sent through its own HTTP caller with
 * requests printed by protobuf's JSON printer. Every response is parsed by protobuf's strict JSON
 * parser, so any field MLflow's schema does not know, or of the wrong type, fails the test.
 */
class MlflowRegistryClientCompatibilityTest {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  @TempDir static Path dir;
  static RunningServer server;
  static MlflowClient client;

  @BeforeAll
  static void start() {
    server = RunningServer.sqlite(dir);
    client = new MlflowClient(server.base().toString());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void registerVersionsStagesAndAliasesThroughTheClient() throws Exception {
    RegisteredModel created =
        post(
                "registered-models/create",
                CreateRegisteredModel.newBuilder()
                    .setName("fraud")
                    .addTags(RegisteredModelTag.newBuilder().setKey("team").setValue("risk"))
                    .setDescription("card fraud")
                    .build(),
                CreateRegisteredModel.Response.newBuilder())
            .getRegisteredModel();
    assertThat(created.getName()).isEqualTo("fraud");
    assertThat(created.getDescription()).isEqualTo("card fraud");
    assertThat(created.getCreationTimestamp()).isPositive();

    String runId = client.createRun().getRunId();
    for (int i = 1; i <= 3; i++) {
      ModelVersion version =
          post(
                  "model-versions/create",
                  CreateModelVersion.newBuilder()
                      .setName("fraud")
                      .setSource("runs:/" + runId + "/model")
                      .setRunId(runId)
                      .addTags(ModelVersionTag.newBuilder().setKey("i").setValue("" + i))
                      .build(),
                  CreateModelVersion.Response.newBuilder())
              .getModelVersion();
      assertThat(version.getVersion()).isEqualTo(Integer.toString(i));
      assertThat(version.getCurrentStage()).isEqualTo("None");
      assertThat(version.getStatus()).isEqualTo(ModelVersionStatus.READY);
      assertThat(version.getRunId()).isEqualTo(runId);
    }

    post(
        "model-versions/transition-stage",
        TransitionModelVersionStage.newBuilder()
            .setName("fraud")
            .setVersion("1")
            .setStage("production")
            .build(),
        TransitionModelVersionStage.Response.newBuilder());
    ModelVersion promoted =
        post(
                "model-versions/transition-stage",
                TransitionModelVersionStage.newBuilder()
                    .setName("fraud")
                    .setVersion("2")
                    .setStage("Production")
                    .setArchiveExistingVersions(true)
                    .build(),
                TransitionModelVersionStage.Response.newBuilder())
            .getModelVersion();
    assertThat(promoted.getCurrentStage()).isEqualTo("Production");
    assertThat(client.getModelVersion("fraud", "1").getCurrentStage()).isEqualTo("Archived");

    post(
        "registered-models/alias",
        SetRegisteredModelAlias.newBuilder()
            .setName("fraud")
            .setAlias("champion")
            .setVersion("2")
            .build(),
        SetRegisteredModelAlias.Response.newBuilder());
    ModelVersion byAlias =
        parse(
                client.sendGet("registered-models/alias?name=fraud&alias=champion"),
                GetModelVersionByAlias.Response.newBuilder())
            .getModelVersion();
    assertThat(byAlias.getVersion()).isEqualTo("2");
    assertThat(byAlias.getAliasesList()).containsExactly("champion");

    // The client's own reads.
    RegisteredModel model = client.getRegisteredModel("fraud");
    assertThat(model.getTagsList()).extracting(RegisteredModelTag::getKey).containsExactly("team");
    assertThat(model.getAliasesList())
        .singleElement()
        .satisfies(a -> assertThat(a.getAlias() + "@" + a.getVersion()).isEqualTo("champion@2"));
    assertThat(model.getLatestVersionsList())
        .extracting(ModelVersion::getVersion, ModelVersion::getCurrentStage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", "Archived"),
            org.assertj.core.groups.Tuple.tuple("2", "Production"),
            org.assertj.core.groups.Tuple.tuple("3", "None"));

    List<ModelVersion> latest = client.getLatestVersions("fraud");
    assertThat(latest).hasSize(3);
    List<ModelVersion> production = client.getLatestVersions("fraud", List.of("PRODUCTION"));
    assertThat(production).extracting(ModelVersion::getVersion).containsExactly("2");
    assertThat(production.get(0).getAliasesList()).containsExactly("champion");

    ModelVersion v3 = client.getModelVersion("fraud", "3");
    assertThat(v3.getTagsList()).extracting(ModelVersionTag::getValue).containsExactly("3");
    assertThat(client.getModelVersionDownloadUri("fraud", "3"))
        .isEqualTo("runs:/" + runId + "/model");

    // The recorded history: MLflow calls carry no reason; the actor comes from the request.
    List<StageTransition> history = server.stores().registry().history("fraud");
    assertThat(history)
        .extracting(StageTransition::change)
        .containsExactly(
            new RegistryChange.StageChange(Stage.NONE, Stage.PRODUCTION),
            new RegistryChange.StageChange(Stage.PRODUCTION, Stage.ARCHIVED),
            new RegistryChange.StageChange(Stage.NONE, Stage.PRODUCTION),
            new RegistryChange.AliasChange("champion", null, "2"));
    assertThat(history).allMatch(e -> e.actor().equals("unknown"));
  }

  @Test
  void searchModelVersionsPagesThroughTheClient() throws Exception {
    post(
        "registered-models/create",
        CreateRegisteredModel.newBuilder().setName("pager").build(),
        CreateRegisteredModel.Response.newBuilder());
    for (int i = 0; i < 5; i++) {
      post(
          "model-versions/create",
          CreateModelVersion.newBuilder().setName("pager").setSource("s3://b/m" + i).build(),
          CreateModelVersion.Response.newBuilder());
    }
    ModelVersionsPage page =
        client.searchModelVersions("name = 'pager'", 2, List.of("version_number ASC"));
    assertThat(page.getItems()).extracting(ModelVersion::getVersion).containsExactly("1", "2");
    assertThat(page.hasNextPage()).isTrue();
    ModelVersionsPage second = (ModelVersionsPage) page.getNextPage();
    assertThat(second.getItems()).extracting(ModelVersion::getVersion).containsExactly("3", "4");
    ModelVersionsPage third = (ModelVersionsPage) second.getNextPage();
    assertThat(third.getItems()).extracting(ModelVersion::getVersion).containsExactly("5");
    assertThat(third.hasNextPage()).isFalse();

    assertThat(client.searchModelVersions("name = 'pager' AND version_number > 3").getItems())
        .extracting(ModelVersion::getVersion)
        .containsExactly("5", "4");
    assertThat(client.searchModelVersions().getItems()).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void updatesRenamesTagsAndSearchesParseStrictly() throws Exception {
    post(
        "registered-models/create",
        CreateRegisteredModel.newBuilder().setName("old-name").build(),
        CreateRegisteredModel.Response.newBuilder());
    post(
        "model-versions/create",
        CreateModelVersion.newBuilder().setName("old-name").setSource("s3://b/x").build(),
        CreateModelVersion.Response.newBuilder());
    RegisteredModel renamed =
        post(
                "registered-models/rename",
                RenameRegisteredModel.newBuilder()
                    .setName("old-name")
                    .setNewName("new-name")
                    .build(),
                RenameRegisteredModel.Response.newBuilder())
            .getRegisteredModel();
    assertThat(renamed.getName()).isEqualTo("new-name");

    RegisteredModel updated =
        parse(
                client.sendPatch(
                    "registered-models/update",
                    PRINTER.print(
                        UpdateRegisteredModel.newBuilder()
                            .setName("new-name")
                            .setDescription("described")
                            .build())),
                UpdateRegisteredModel.Response.newBuilder())
            .getRegisteredModel();
    assertThat(updated.getDescription()).isEqualTo("described");
    ModelVersion version =
        parse(
                client.sendPatch(
                    "model-versions/update",
                    PRINTER.print(
                        UpdateModelVersion.newBuilder()
                            .setName("new-name")
                            .setVersion("1")
                            .setDescription("v1")
                            .build())),
                UpdateModelVersion.Response.newBuilder())
            .getModelVersion();
    assertThat(version.getDescription()).isEqualTo("v1");
    post(
        "model-versions/set-tag",
        SetModelVersionTag.newBuilder()
            .setName("new-name")
            .setVersion("1")
            .setKey("k")
            .setValue("v")
            .build(),
        SetModelVersionTag.Response.newBuilder());
    assertThat(client.getModelVersion("new-name", "1").getTagsList())
        .extracting(ModelVersionTag::getKey)
        .containsExactly("k");

    SearchRegisteredModels.Response.Builder search =
        parse(
            client.sendGet("registered-models/search?filter=name%20LIKE%20%27new-%25%27"),
            SearchRegisteredModels.Response.newBuilder());
    assertThat(search.getRegisteredModelsList())
        .extracting(RegisteredModel::getName)
        .containsExactly("new-name");
  }

  @Test
  void errorsReachTheClientWithMlflowCodes() {
    assertThatThrownBy(() -> client.getRegisteredModel("absent"))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(
            e -> {
              MlflowHttpException http = (MlflowHttpException) e;
              assertThat(http.getStatusCode()).isEqualTo(404);
              assertThat(http.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
            });
    assertThatThrownBy(() -> client.getModelVersion("absent", "x"))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(
            e ->
                assertThat(((MlflowHttpException) e).getBodyMessage())
                    .contains("Parameter 'version' must be an integer, got 'x'."));
    HttpResponse<String> delete =
        server.request(
            "DELETE",
            "/api/2.0/mlflow/registered-models/delete",
            "{\"name\": \"absent\"}",
            "application/json");
    assertThat(delete.statusCode()).isEqualTo(404);
  }

  private static <B extends Message.Builder> B post(String path, Message request, B response)
      throws Exception {
    return parse(client.sendPost(path, PRINTER.print(request)), response);
  }

  private static <B extends Message.Builder> B parse(String json, B builder) throws Exception {
    PARSER.merge(json, builder);
    return builder;
  }
}
