package dev.mledger.server.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.search.ModelVersionFilterParser;
import dev.mledger.core.search.PageToken;
import dev.mledger.core.search.RegisteredModelFilterParser;
import dev.mledger.core.search.RegistryOrderByParser;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.validation.RegistryValidation;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.server.json.PythonJson;
import dev.mledger.server.mlflow.MlflowRequest;
import dev.mledger.server.mlflow.proto.MessageSpec;
import dev.mledger.server.mlflow.proto.ProtoMessage;
import dev.mledger.store.TrackingStore;
import dev.mledger.store.registry.ModelRegistryStore;
import dev.mledger.store.registry.ModelVersionSearch;
import dev.mledger.store.registry.NewModelVersion;
import dev.mledger.store.registry.RegisteredModelSearch;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * MLflow's model registry REST API (2.0) as MLflow 2.17.2 serves it: every endpoint of {@code
 * model_registry.proto} with its declared HTTP method, under {@code /api/2.0/mlflow/} and {@code
 * /ajax-api/2.0/mlflow/}. Stage and alias changes are recorded in the registry history with the
 * request's user (see {@link Actors}) and no reason, as MLflow's API has no field for one.
 */
public final class MlflowRegistryApi {
  static final List<String> PREFIXES = List.of("/api/2.0/mlflow", "/ajax-api/2.0/mlflow");

  private final ModelRegistryStore store;
  private final SourceValidation sources;

  /**
   * @param tracking used to check that a local model source lies inside its run's artifacts
   */
  public MlflowRegistryApi(ModelRegistryStore store, TrackingStore tracking) {
    this.store = store;
    this.sources = new SourceValidation(tracking);
  }

  /** Adds every registry endpoint under both prefixes. */
  public void register(Routes routes) {
    add(routes, HandlerType.POST, "/registered-models/create", this::createRegisteredModel);
    add(routes, HandlerType.POST, "/registered-models/rename", this::renameRegisteredModel);
    add(routes, HandlerType.PATCH, "/registered-models/update", this::updateRegisteredModel);
    add(routes, HandlerType.DELETE, "/registered-models/delete", this::deleteRegisteredModel);
    add(routes, HandlerType.GET, "/registered-models/get", this::getRegisteredModel);
    add(routes, HandlerType.GET, "/registered-models/search", this::searchRegisteredModels);
    add(routes, HandlerType.POST, "/registered-models/get-latest-versions", this::latestVersions);
    add(routes, HandlerType.GET, "/registered-models/get-latest-versions", this::latestVersions);
    add(routes, HandlerType.POST, "/registered-models/set-tag", this::setRegisteredModelTag);
    add(routes, HandlerType.DELETE, "/registered-models/delete-tag", this::deleteModelTag);
    add(routes, HandlerType.POST, "/registered-models/alias", this::setAlias);
    add(routes, HandlerType.DELETE, "/registered-models/alias", this::deleteAlias);
    add(routes, HandlerType.GET, "/registered-models/alias", this::getModelVersionByAlias);
    add(routes, HandlerType.POST, "/model-versions/create", this::createModelVersion);
    add(routes, HandlerType.PATCH, "/model-versions/update", this::updateModelVersion);
    add(routes, HandlerType.POST, "/model-versions/transition-stage", this::transitionStage);
    add(routes, HandlerType.DELETE, "/model-versions/delete", this::deleteModelVersion);
    add(routes, HandlerType.GET, "/model-versions/get", this::getModelVersion);
    add(routes, HandlerType.GET, "/model-versions/search", this::searchModelVersions);
    add(routes, HandlerType.GET, "/model-versions/get-download-uri", this::getDownloadUri);
    add(routes, HandlerType.POST, "/model-versions/set-tag", this::setModelVersionTag);
    add(routes, HandlerType.DELETE, "/model-versions/delete-tag", this::deleteModelVersionTag);
  }

  private static void add(Routes routes, HandlerType method, String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.add(method, prefix + path, handler));
  }

  // ---- registered models ----

  private void createRegisteredModel(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.CREATE_REGISTERED_MODEL, "name");
    String name = request.string("name");
    RegistryValidation.validateModelName(name);
    List<RegisteredModelTag> tags = new ArrayList<>();
    for (ProtoMessage tag : request.messages("tags")) {
      RegisteredModelTag t = new RegisteredModelTag(tag.string("key"), tag.string("value"));
      RegistryValidation.validateRegisteredModelTag(t);
      tags.add(t);
    }
    RegisteredModel model = store.createRegisteredModel(name, tags, request.string("description"));
    respond(ctx, "registered_model", RegistryJson.registeredModel(model));
  }

  private void renameRegisteredModel(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.RENAME_REGISTERED_MODEL, "name", "new_name");
    RegistryValidation.validateNewModelName(request.string("new_name"));
    RegisteredModel model =
        store.renameRegisteredModel(request.string("name"), request.string("new_name"));
    respond(ctx, "registered_model", RegistryJson.registeredModel(model));
  }

  private void updateRegisteredModel(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.UPDATE_REGISTERED_MODEL, "name");
    RegisteredModel model =
        store.updateRegisteredModel(request.string("name"), request.string("description"));
    respond(ctx, "registered_model", RegistryJson.registeredModel(model));
  }

  private void deleteRegisteredModel(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.NAME, "name");
    store.deleteRegisteredModel(request.string("name"), Actors.context(ctx));
    respondEmpty(ctx);
  }

  private void getRegisteredModel(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.NAME, "name");
    respond(
        ctx,
        "registered_model",
        RegistryJson.registeredModel(store.getRegisteredModel(request.string("name"))));
  }

  private void searchRegisteredModels(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.SEARCH_REGISTERED_MODELS);
    int maxResults =
        RegistryValidation.searchRegisteredModelsMaxResults(request.integerOrNull("max_results"));
    Page<RegisteredModel> page =
        store.searchRegisteredModels(
            new RegisteredModelSearch(
                RegisteredModelFilterParser.parse(emptyToNull(request.string("filter"))),
                maxResults,
                RegistryOrderByParser.forRegisteredModels(request.strings("order_by")),
                PageToken.decode(emptyToNull(request.string("page_token")))));
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    if (!page.items().isEmpty()) {
      ArrayNode models = response.putArray("registered_models");
      page.items().forEach(m -> models.add(RegistryJson.registeredModel(m)));
    }
    putPageToken(response, page.nextPageToken());
    write(ctx, response);
  }

  private void latestVersions(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.GET_LATEST_VERSIONS, "name");
    List<Stage> stages = new ArrayList<>();
    for (String stage : request.strings("stages")) {
      stages.add(Stage.parse(stage));
    }
    List<ModelVersion> versions = store.getLatestVersions(request.string("name"), stages);
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    putVersions(response, versions);
    write(ctx, response);
  }

  private void setRegisteredModelTag(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.SET_REGISTERED_MODEL_TAG, "name", "key");
    RegisteredModelTag tag = new RegisteredModelTag(request.string("key"), request.string("value"));
    RegistryValidation.validateRegisteredModelTag(tag);
    store.setRegisteredModelTag(request.string("name"), tag);
    respondEmpty(ctx);
  }

  private void deleteModelTag(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.DELETE_REGISTERED_MODEL_TAG, "name", "key");
    RegistryValidation.validateTagKey(request.string("key"));
    store.deleteRegisteredModelTag(request.string("name"), request.string("key"));
    respondEmpty(ctx);
  }

  // ---- aliases ----

  private void setAlias(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.SET_ALIAS, "name", "alias", "version");
    String alias = request.string("alias");
    RegistryValidation.validateAlias(alias);
    long version = RegistryValidation.parseVersion(request.string("version"));
    store.setAlias(request.string("name"), alias, version, Actors.context(ctx));
    respondEmpty(ctx);
  }

  private void deleteAlias(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.ALIAS, "name", "alias");
    RegistryValidation.validateAlias(request.string("alias"));
    store.deleteAlias(request.string("name"), request.string("alias"), Actors.context(ctx));
    respondEmpty(ctx);
  }

  private void getModelVersionByAlias(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.ALIAS, "name", "alias");
    RegistryValidation.validateAlias(request.string("alias"));
    ModelVersion version =
        store.getModelVersionByAlias(request.string("name"), request.string("alias"));
    respond(ctx, "model_version", RegistryJson.modelVersion(version));
  }

  // ---- model versions ----

  private void createModelVersion(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.CREATE_MODEL_VERSION, "name", "source");
    String source = request.string("source");
    sources.validate(source, request.string("run_id"));
    List<ModelVersionTag> tags = new ArrayList<>();
    for (ProtoMessage tag : request.messages("tags")) {
      ModelVersionTag t = new ModelVersionTag(tag.string("key"), tag.string("value"));
      RegistryValidation.validateModelVersionTag(t);
      tags.add(t);
    }
    // As MLflow's handler: unset string fields reach the store as "" and are stored as such.
    ModelVersion version =
        store.createModelVersion(
            new NewModelVersion(
                request.string("name"),
                source,
                request.string("run_id"),
                tags,
                request.string("run_link"),
                request.string("description"),
                Actors.identified(ctx)));
    respond(ctx, "model_version", RegistryJson.modelVersion(version));
  }

  private void updateModelVersion(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.UPDATE_MODEL_VERSION, "name", "version");
    ModelVersion version =
        store.updateModelVersion(
            request.string("name"),
            RegistryValidation.parseVersion(request.string("version")),
            request.stringOrNull("description"));
    respond(ctx, "model_version", RegistryJson.modelVersion(version));
  }

  private void transitionStage(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.TRANSITION_STAGE, "name", "version", "stage");
    long version = RegistryValidation.parseVersion(request.string("version"));
    Stage stage = Stage.parse(request.string("stage"));
    Boolean archive = request.booleanOrNull("archive_existing_versions");
    ModelVersion transitioned =
        store.transitionStage(
            request.string("name"),
            version,
            stage,
            archive != null && archive,
            Actors.context(ctx));
    respond(ctx, "model_version", RegistryJson.modelVersion(transitioned));
  }

  private void deleteModelVersion(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.NAME_AND_VERSION, "name", "version");
    store.deleteModelVersion(
        request.string("name"),
        RegistryValidation.parseVersion(request.string("version")),
        Actors.context(ctx));
    respondEmpty(ctx);
  }

  private void getModelVersion(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.NAME_AND_VERSION, "name", "version");
    ModelVersion version =
        store.getModelVersion(
            request.string("name"), RegistryValidation.parseVersion(request.string("version")));
    respond(ctx, "model_version", RegistryJson.modelVersion(version));
  }

  private void searchModelVersions(Context ctx) {
    ProtoMessage request = read(ctx, RegistryMessages.SEARCH_MODEL_VERSIONS);
    int maxResults =
        RegistryValidation.searchModelVersionsMaxResults(request.integerOrNull("max_results"));
    Page<ModelVersion> page =
        store.searchModelVersions(
            new ModelVersionSearch(
                ModelVersionFilterParser.parse(emptyToNull(request.string("filter"))),
                maxResults,
                RegistryOrderByParser.forModelVersions(request.strings("order_by")),
                PageToken.decode(emptyToNull(request.string("page_token")))));
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    putVersions(response, page.items());
    putPageToken(response, page.nextPageToken());
    write(ctx, response);
  }

  private void getDownloadUri(Context ctx) {
    // MLflow's handler declares no required fields here; missing ones surface as not found.
    ProtoMessage request = read(ctx, RegistryMessages.NAME_AND_VERSION);
    RegistryValidation.validateModelName(request.string("name"));
    String uri =
        store.getModelVersionDownloadUri(
            request.string("name"), RegistryValidation.parseVersion(request.string("version")));
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("artifact_uri", uri);
    write(ctx, response);
  }

  private void setModelVersionTag(Context ctx) {
    ProtoMessage request =
        read(ctx, RegistryMessages.SET_MODEL_VERSION_TAG, "name", "version", "key");
    ModelVersionTag tag = new ModelVersionTag(request.string("key"), request.string("value"));
    long version = RegistryValidation.parseVersion(request.string("version"));
    RegistryValidation.validateModelVersionTag(tag);
    store.setModelVersionTag(request.string("name"), version, tag);
    respondEmpty(ctx);
  }

  private void deleteModelVersionTag(Context ctx) {
    ProtoMessage request =
        read(ctx, RegistryMessages.DELETE_MODEL_VERSION_TAG, "name", "version", "key");
    long version = RegistryValidation.parseVersion(request.string("version"));
    RegistryValidation.validateTagKey(request.string("key"));
    store.deleteModelVersionTag(request.string("name"), version, request.string("key"));
    respondEmpty(ctx);
  }

  // ---- helpers ----

  private static ProtoMessage read(Context ctx, MessageSpec spec, String... required) {
    return MlflowRequest.read(ctx, spec, required).message();
  }

  private static void putVersions(ObjectNode response, List<ModelVersion> versions) {
    if (!versions.isEmpty()) {
      ArrayNode array = response.putArray("model_versions");
      versions.forEach(v -> array.add(RegistryJson.modelVersion(v)));
    }
  }

  private static void putPageToken(ObjectNode response, String token) {
    if (token != null && !token.isEmpty()) {
      response.put("next_page_token", token);
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static void respond(Context ctx, String field, ObjectNode entity) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.set(field, entity);
    write(ctx, response);
  }

  private static void write(Context ctx, ObjectNode response) {
    JsonResponses.write(ctx, PythonJson.indented(response));
  }

  private static void respondEmpty(Context ctx) {
    JsonResponses.write(ctx, "{}");
  }
}
