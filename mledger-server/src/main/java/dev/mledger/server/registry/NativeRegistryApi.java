package dev.mledger.server.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.ModelUri;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.core.search.PageToken;
import dev.mledger.core.search.RegisteredModelFilterParser;
import dev.mledger.core.search.RegistryOrderByParser;
import dev.mledger.core.tracking.Page;
import dev.mledger.core.validation.RegistryValidation;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.server.json.PythonJson;
import dev.mledger.store.registry.ModelRegistryStore;
import dev.mledger.store.registry.RegisteredModelSearch;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * mledger's native registry API under {@code /api/v1/registry}: the audited way to move stages and
 * aliases (with a {@code reason} and optional approval), the history of a model, and {@code
 * models:/} URI resolution. JSON in and out; errors are {@code {"error_code", "message"}}.
 *
 * <pre>
 * GET    /api/v1/registry/models?filter=&amp;max_results=&amp;page_token=
 * GET    /api/v1/registry/models/{name}
 * GET    /api/v1/registry/models/{name}/history
 * POST   /api/v1/registry/models/{name}/versions/{version}/stage
 *          {"stage", "archive_existing_versions", "reason", "approved_by", "approval_reference"}
 * PUT    /api/v1/registry/models/{name}/aliases/{alias}
 *          {"version", "reason", "approved_by", "approval_reference"}
 * DELETE /api/v1/registry/models/{name}/aliases/{alias}   (optional body {"reason"})
 * GET    /api/v1/registry/resolve?uri=models:/name@alias
 * </pre>
 */
public final class NativeRegistryApi {
  static final String BASE = "/api/v1/registry";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelRegistryStore store;

  public NativeRegistryApi(ModelRegistryStore store) {
    this.store = store;
  }

  public void register(Routes routes) {
    routes.add(HandlerType.GET, BASE + "/models", this::listModels);
    routes.add(HandlerType.GET, BASE + "/models/{name}", this::getModel);
    routes.add(HandlerType.GET, BASE + "/models/{name}/history", this::history);
    routes.add(
        HandlerType.POST, BASE + "/models/{name}/versions/{version}/stage", this::transition);
    routes.add(HandlerType.PUT, BASE + "/models/{name}/aliases/{alias}", this::setAlias);
    routes.add(HandlerType.DELETE, BASE + "/models/{name}/aliases/{alias}", this::deleteAlias);
    routes.add(HandlerType.GET, BASE + "/resolve", this::resolve);
  }

  private void listModels(Context ctx) {
    Long maxResults = null;
    String max = ctx.queryParam("max_results");
    if (max != null && !max.isBlank()) {
      try {
        maxResults = Long.parseLong(max.strip());
      } catch (NumberFormatException e) {
        throw MledgerException.invalidParameter(
            "max_results must be an integer, got '" + max + "'");
      }
    }
    Page<RegisteredModel> page =
        store.searchRegisteredModels(
            new RegisteredModelSearch(
                RegisteredModelFilterParser.parse(blankToNull(ctx.queryParam("filter"))),
                RegistryValidation.searchRegisteredModelsMaxResults(maxResults),
                RegistryOrderByParser.forRegisteredModels(ctx.queryParams("order_by")),
                PageToken.decode(blankToNull(ctx.queryParam("page_token")))));
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    ArrayNode models = response.putArray("registered_models");
    page.items().forEach(m -> models.add(RegistryJson.registeredModel(m)));
    response.put("next_page_token", page.nextPageToken());
    write(ctx, response);
  }

  private void getModel(Context ctx) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.set(
        "registered_model",
        RegistryJson.registeredModel(store.getRegisteredModel(ctx.pathParam("name"))));
    write(ctx, response);
  }

  private void history(Context ctx) {
    String name = ctx.pathParam("name");
    List<StageTransition> entries = store.history(name);
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("model", name);
    ArrayNode history = response.putArray("history");
    entries.forEach(e -> history.add(RegistryJson.historyEntry(e)));
    write(ctx, response);
  }

  private void transition(Context ctx) {
    JsonNode body = body(ctx);
    String stageName = text(body, "stage");
    if (stageName == null) {
      throw MledgerException.invalidParameter("Missing value for required parameter 'stage'.");
    }
    Stage stage = Stage.parse(stageName);
    JsonNode archive = body.get("archive_existing_versions");
    if (archive != null && !archive.isNull() && !archive.isBoolean()) {
      throw MledgerException.invalidParameter("archive_existing_versions must be true or false");
    }
    ModelVersion version =
        store.transitionStage(
            ctx.pathParam("name"),
            RegistryValidation.parseVersion(ctx.pathParam("version")),
            stage,
            archive != null && archive.asBoolean(false),
            context(ctx, body));
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.set("model_version", RegistryJson.modelVersion(version));
    write(ctx, response);
  }

  private void setAlias(Context ctx) {
    JsonNode body = body(ctx);
    String alias = ctx.pathParam("alias");
    RegistryValidation.validateAlias(alias);
    String version = text(body, "version");
    if (version == null) {
      JsonNode number = body.get("version");
      if (number == null || !number.isIntegralNumber()) {
        throw MledgerException.invalidParameter("Missing value for required parameter 'version'.");
      }
      version = number.asText();
    }
    long parsed = RegistryValidation.parseVersion(version);
    store.setAlias(ctx.pathParam("name"), alias, parsed, context(ctx, body));
    write(ctx, JsonNodeFactory.instance.objectNode());
  }

  private void deleteAlias(Context ctx) {
    JsonNode body = body(ctx);
    String alias = ctx.pathParam("alias");
    RegistryValidation.validateAlias(alias);
    store.deleteAlias(ctx.pathParam("name"), alias, context(ctx, body));
    write(ctx, JsonNodeFactory.instance.objectNode());
  }

  private void resolve(Context ctx) {
    String uri = ctx.queryParam("uri");
    if (uri == null || uri.isBlank()) {
      throw MledgerException.invalidParameter("Missing value for required parameter 'uri'.");
    }
    ModelVersion version = store.resolve(ModelUri.parse(uri));
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.set("model_version", RegistryJson.modelVersion(version));
    response.put(
        "download_uri", store.getModelVersionDownloadUri(version.name(), version.versionNumber()));
    write(ctx, response);
  }

  /** The request's actor plus the body's reason and approval. */
  private static ChangeContext context(Context ctx, JsonNode body) {
    String reason = text(body, "reason");
    if (reason == null) {
      reason = text(body, "comment");
    }
    String approver = text(body, "approved_by");
    Approval approval =
        approver == null || approver.isBlank()
            ? null
            : new Approval(approver, text(body, "approval_reference"));
    return new ChangeContext(Actors.identified(ctx), reason, approval);
  }

  private static JsonNode body(Context ctx) {
    String body = ctx.body();
    if (body == null || body.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode parsed = JSON.readTree(body);
      if (parsed == null || !parsed.isObject()) {
        throw new MledgerException(
            ErrorCode.MALFORMED_REQUEST, "Request body must be a JSON object.");
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw new MledgerException(
          ErrorCode.MALFORMED_REQUEST, "Malformed JSON request body: " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      if (field.equals("version")) {
        return null;
      }
      throw MledgerException.invalidParameter("'" + field + "' must be a string");
    }
    return value.textValue();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static void write(Context ctx, ObjectNode response) {
    JsonResponses.write(ctx, PythonJson.indented(response));
  }
}
