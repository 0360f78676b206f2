package dev.mledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.core.tracking.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A typed client for the model registry of an mledger server: MLflow's registry REST API ({@code
 * /api/2.0/mlflow/registered-models/*}, {@code model-versions/*}, which plain MLflow servers answer
 * too) and mledger's audited native API ({@code /api/v1/registry}), where stage and alias changes
 * carry the actor, a reason and an optional approval, and every change is kept in the model's
 * history. Obtain one from {@link MledgerClient#registry()}; it shares that client's connection,
 * credentials and {@link RetryPolicy}.
 *
 * <p>Retries stay safe for the calls that are not naturally idempotent: {@link
 * #createRegisteredModel} resolves a {@code RESOURCE_ALREADY_EXISTS} that follows its own ambiguous
 * attempt; {@link #createModelVersion} tags the new version with a client-generated {@value
 * #CLIENT_VERSION_ID_TAG} and looks it up before creating again; audited stage and alias changes
 * check whether an ambiguous earlier attempt already took effect before repeating, so that the
 * history records each change once.
 */
public final class RegistryClient {

  /** Model-version tag holding a client-generated id that makes version creation idempotent. */
  public static final String CLIENT_VERSION_ID_TAG = "mledger.clientVersionId";

  /** Header naming the acting user of a native registry change (when no basic auth is sent). */
  public static final String USER_HEADER = "X-Mledger-User";

  private static final String NATIVE = "/api/v1/registry";

  private final HttpTransport transport;

  RegistryClient(HttpTransport transport) {
    this.transport = transport;
  }

  // ---- registered models (MLflow API) ----

  /**
   * @param description null for none
   * @throws MledgerException RESOURCE_ALREADY_EXISTS if the name is taken
   */
  public RegisteredModel createRegisteredModel(
      String name, String description, List<RegisteredModelTag> tags) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    Wire.putList(body, "tags", tags, t -> Wire.keyValue(t.key(), t.value()));
    if (description != null) {
      body.put("description", description);
    }
    boolean[] ambiguous = {false};
    return transport.withRetries(
        "registered-models/create",
        () -> {
          try {
            return RegistryWire.registeredModel(
                transport.postOnce("registered-models/create", body).path("registered_model"));
          } catch (TransientFailure failure) {
            ambiguous[0] |= failure.ambiguous();
            throw failure;
          } catch (MledgerException e) {
            if (ambiguous[0] && e.code() == ErrorCode.RESOURCE_ALREADY_EXISTS) {
              // Our own earlier attempt most likely created it before the connection failed.
              return getRegisteredModel(name);
            }
            throw e;
          }
        });
  }

  /**
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST for an unknown name
   */
  public RegisteredModel getRegisteredModel(String name) {
    JsonNode response = transport.get("registered-models/get", List.of(Map.entry("name", name)));
    return RegistryWire.registeredModel(response.path("registered_model"));
  }

  /** The model named {@code name}, or empty if there is none. */
  public Optional<RegisteredModel> findRegisteredModel(String name) {
    try {
      return Optional.of(getRegisteredModel(name));
    } catch (MledgerException e) {
      if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * One page of registered models.
   *
   * @param filter MLflow's registry search syntax (e.g. {@code name LIKE 'churn%'}), null for all
   * @param orderBy e.g. {@code "name ASC"}; empty for the server's default (name ascending)
   * @param maxResults page size, at most 1000
   * @param pageToken null for the first page, else a previous page's {@code nextPageToken}
   */
  public Page<RegisteredModel> searchRegisteredModels(
      String filter, List<String> orderBy, int maxResults, String pageToken) {
    JsonNode response =
        transport.get(
            "registered-models/search", searchQuery(filter, orderBy, maxResults, pageToken));
    return new Page<>(
        Wire.list(response, "registered_models", RegistryWire::registeredModel),
        Wire.nextPageToken(response));
  }

  /** Every matching registered model, fetched lazily page by page. */
  public Stream<RegisteredModel> searchAllRegisteredModels(String filter, List<String> orderBy) {
    return Pages.stream(token -> searchRegisteredModels(filter, orderBy, 1000, token));
  }

  public RegisteredModel renameRegisteredModel(String name, String newName) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    body.put("new_name", newName);
    return RegistryWire.registeredModel(
        transport.post("registered-models/rename", body).path("registered_model"));
  }

  /** Sets the description; null clears it. */
  public RegisteredModel updateRegisteredModel(String name, String description) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    return RegistryWire.registeredModel(
        mlflow("PATCH", "registered-models/update", body).path("registered_model"));
  }

  /** Deletes the model with its versions; its history stays on an mledger server. */
  public void deleteRegisteredModel(String name) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    mlflow("DELETE", "registered-models/delete", body);
  }

  public void setRegisteredModelTag(String name, String key, String value) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    body.put("key", key);
    body.put("value", value);
    transport.post("registered-models/set-tag", body);
  }

  public void deleteRegisteredModelTag(String name, String key) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    body.put("key", key);
    mlflow("DELETE", "registered-models/delete-tag", body);
  }

  /**
   * The newest version in each of {@code stages} (every stage when empty), as MLflow's deprecated
   * {@code get_latest_versions}.
   */
  public List<ModelVersion> getLatestVersions(String name, List<Stage> stages) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    ArrayNode array = body.putArray("stages");
    stages.forEach(s -> array.add(s.wireName()));
    return Wire.list(
        transport.post("registered-models/get-latest-versions", body),
        "model_versions",
        RegistryWire::modelVersion);
  }

  // ---- model versions (MLflow API) ----

  /**
   * Registers a new version of {@code name} (which must exist).
   *
   * @param source where the model's artifacts are, e.g. {@code runs:/<run_id>/model} or the run's
   *     artifact location joined with the model path
   * @param runId the run that produced it; null when unknown
   * @param description null for none
   */
  public ModelVersion createModelVersion(
      String name, String source, String runId, String description, List<ModelVersionTag> tags) {
    String clientVersionId = tagValue(tags, CLIENT_VERSION_ID_TAG);
    List<ModelVersionTag> allTags = new ArrayList<>(tags);
    if (clientVersionId == null) {
      clientVersionId = UUID.randomUUID().toString();
      allTags.add(new ModelVersionTag(CLIENT_VERSION_ID_TAG, clientVersionId));
    }
    ObjectNode body = Wire.object();
    body.put("name", name);
    body.put("source", source);
    if (runId != null) {
      body.put("run_id", runId);
    }
    Wire.putList(body, "tags", allTags, t -> Wire.keyValue(t.key(), t.value()));
    if (description != null) {
      body.put("description", description);
    }
    String filter =
        "name = '"
            + quote(name)
            + "' AND tags.`"
            + CLIENT_VERSION_ID_TAG
            + "` = '"
            + quote(clientVersionId)
            + "'";
    boolean[] ambiguous = {false};
    return transport.withRetries(
        "model-versions/create",
        () -> {
          if (ambiguous[0]) {
            List<ModelVersion> created =
                Wire.list(
                    transport.getOnce(
                        "model-versions/search", searchQuery(filter, List.of(), 1, null)),
                    "model_versions",
                    RegistryWire::modelVersion);
            if (!created.isEmpty()) {
              return created.get(0);
            }
          }
          try {
            return RegistryWire.modelVersion(
                transport.postOnce("model-versions/create", body).path("model_version"));
          } catch (TransientFailure failure) {
            ambiguous[0] |= failure.ambiguous();
            throw failure;
          }
        });
  }

  /**
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST for an unknown model or version
   */
  public ModelVersion getModelVersion(String name, String version) {
    JsonNode response =
        transport.get(
            "model-versions/get", List.of(Map.entry("name", name), Map.entry("version", version)));
    return RegistryWire.modelVersion(response.path("model_version"));
  }

  /**
   * One page of model versions.
   *
   * @param filter e.g. {@code name = 'churn' AND run_id = '...'}; null for all
   * @param orderBy e.g. {@code "version_number DESC"}; empty for the server's default
   * @param maxResults page size, at most 200,000
   */
  public Page<ModelVersion> searchModelVersions(
      String filter, List<String> orderBy, int maxResults, String pageToken) {
    JsonNode response =
        transport.get("model-versions/search", searchQuery(filter, orderBy, maxResults, pageToken));
    return new Page<>(
        Wire.list(response, "model_versions", RegistryWire::modelVersion),
        Wire.nextPageToken(response));
  }

  /** Every matching model version, fetched lazily page by page. */
  public Stream<ModelVersion> searchAllModelVersions(String filter, List<String> orderBy) {
    return Pages.stream(token -> searchModelVersions(filter, orderBy, 1000, token));
  }

  /** Every version of model {@code name}, newest first. */
  public List<ModelVersion> versionsOf(String name) {
    return searchAllModelVersions("name = '" + quote(name) + "'", List.of("version_number DESC"))
        .toList();
  }

  /** Sets the description of a version. */
  public ModelVersion updateModelVersion(String name, String version, String description) {
    ObjectNode body = nameAndVersion(name, version);
    body.put("description", description);
    return RegistryWire.modelVersion(
        mlflow("PATCH", "model-versions/update", body).path("model_version"));
  }

  public void deleteModelVersion(String name, String version) {
    mlflow("DELETE", "model-versions/delete", nameAndVersion(name, version));
  }

  public void setModelVersionTag(String name, String version, String key, String value) {
    ObjectNode body = nameAndVersion(name, version);
    body.put("key", key);
    body.put("value", value);
    transport.post("model-versions/set-tag", body);
  }

  public void deleteModelVersionTag(String name, String version, String key) {
    ObjectNode body = nameAndVersion(name, version);
    body.put("key", key);
    mlflow("DELETE", "model-versions/delete-tag", body);
  }

  /**
   * MLflow's stage transition (recorded without a reason). Prefer {@link #transitionStage} on an
   * mledger server.
   */
  public ModelVersion transitionModelVersionStage(
      String name, String version, Stage stage, boolean archiveExistingVersions) {
    ObjectNode body = nameAndVersion(name, version);
    body.put("stage", stage.wireName());
    body.put("archive_existing_versions", archiveExistingVersions);
    return RegistryWire.modelVersion(
        transport.post("model-versions/transition-stage", body).path("model_version"));
  }

  /** MLflow's alias call (recorded without a reason). Prefer {@link #setAlias} on mledger. */
  public void setRegisteredModelAlias(String name, String alias, String version) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    body.put("alias", alias);
    body.put("version", version);
    transport.post("registered-models/alias", body);
  }

  /** MLflow's alias removal (recorded without a reason). Prefer {@link #deleteAlias} on mledger. */
  public void deleteRegisteredModelAlias(String name, String alias) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    body.put("alias", alias);
    mlflow("DELETE", "registered-models/alias", body);
  }

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE when the alias is not set, as MLflow answers
   */
  public ModelVersion getModelVersionByAlias(String name, String alias) {
    JsonNode response =
        transport.get(
            "registered-models/alias", List.of(Map.entry("name", name), Map.entry("alias", alias)));
    return RegistryWire.modelVersion(response.path("model_version"));
  }

  /** Where the version's artifacts can be downloaded from. */
  public String getModelVersionDownloadUri(String name, String version) {
    JsonNode response =
        transport.get(
            "model-versions/get-download-uri",
            List.of(Map.entry("name", name), Map.entry("version", version)));
    return Wire.text(response, "artifact_uri");
  }

  // ---- audited changes and history (native API) ----

  /**
   * Moves a version to {@code stage}, recording {@code change} (actor, reason, approval) in the
   * history.
   *
   * @param archiveExistingVersions move the other versions in an active target stage to Archived
   */
  public ModelVersion transitionStage(
      String name,
      String version,
      Stage stage,
      boolean archiveExistingVersions,
      ChangeContext change) {
    Objects.requireNonNull(stage, "stage");
    ObjectNode body = changeBody(change);
    body.put("stage", stage.wireName());
    body.put("archive_existing_versions", archiveExistingVersions);
    HttpTransport.Call call =
        nativeCall(
            "POST", modelPath(name) + "/versions/" + segment(version) + "/stage", body, change);
    boolean[] ambiguous = {false};
    return transport.withRetries(
        call.label(),
        () -> {
          if (ambiguous[0]) {
            // A repeated transition would be recorded a second time; check first.
            ModelVersion current =
                RegistryWire.modelVersion(
                    transport
                        .getOnce(
                            "model-versions/get",
                            List.of(Map.entry("name", name), Map.entry("version", version)))
                        .path("model_version"));
            if (current.currentStage() == stage) {
              return current;
            }
          }
          try {
            return RegistryWire.modelVersion(transport.sendOnce(call).path("model_version"));
          } catch (TransientFailure failure) {
            ambiguous[0] |= failure.ambiguous();
            throw failure;
          }
        });
  }

  /** Points {@code alias} at {@code version}, recording {@code change} in the history. */
  public void setAlias(String name, String alias, String version, ChangeContext change) {
    ObjectNode body = changeBody(change);
    body.put("version", version);
    HttpTransport.Call call =
        nativeCall("PUT", modelPath(name) + "/aliases/" + segment(alias), body, change);
    boolean[] ambiguous = {false};
    transport.withRetries(
        call.label(),
        () -> {
          if (ambiguous[0] && version.equals(aliasTargetOnce(name, alias))) {
            return null;
          }
          try {
            return transport.sendOnce(call);
          } catch (TransientFailure failure) {
            ambiguous[0] |= failure.ambiguous();
            throw failure;
          }
        });
  }

  /** Removes {@code alias} if it is set, recording {@code change} in the history. */
  public void deleteAlias(String name, String alias, ChangeContext change) {
    HttpTransport.Call call =
        nativeCall(
            "DELETE", modelPath(name) + "/aliases/" + segment(alias), changeBody(change), change);
    boolean[] ambiguous = {false};
    transport.withRetries(
        call.label(),
        () -> {
          if (ambiguous[0] && aliasTargetOnce(name, alias) == null) {
            return null;
          }
          try {
            return transport.sendOnce(call);
          } catch (TransientFailure failure) {
            ambiguous[0] |= failure.ambiguous();
            throw failure;
          }
        });
  }

  /**
   * The model's stage and alias history, oldest first; kept after versions and the model are
   * deleted.
   */
  public List<StageTransition> history(String name) {
    JsonNode response = transport.send(nativeCall("GET", modelPath(name) + "/history", null, null));
    return Wire.list(response, "history", RegistryWire::historyEntry);
  }

  /** A {@code models:/} URI resolved to its version and download location. */
  public record Resolution(ModelVersion version, String downloadUri) {}

  /**
   * Resolves {@code models:/name/3}, {@code models:/name/Production} or {@code models:/name@alias}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE for a malformed URI, RESOURCE_DOES_NOT_EXIST
   *     when nothing matches
   */
  public Resolution resolve(String modelsUri) {
    JsonNode response =
        transport.send(
            new HttpTransport.Call(
                "GET", NATIVE + "/resolve", List.of(Map.entry("uri", modelsUri)), null, Map.of()));
    return new Resolution(
        RegistryWire.modelVersion(response.path("model_version")),
        Wire.text(response, "download_uri"));
  }

  // ---- helpers ----

  private String aliasTargetOnce(String name, String alias) throws TransientFailure {
    RegisteredModel model =
        RegistryWire.registeredModel(
            transport
                .getOnce("registered-models/get", List.of(Map.entry("name", name)))
                .path("registered_model"));
    return model.aliases().stream()
        .filter(a -> a.alias().equals(alias))
        .map(a -> a.version())
        .findFirst()
        .orElse(null);
  }

  private JsonNode mlflow(String method, String endpoint, ObjectNode body) {
    return transport.send(
        new HttpTransport.Call(
            method, HttpTransport.MLFLOW_PREFIX + endpoint, List.of(), body, Map.of()));
  }

  private static HttpTransport.Call nativeCall(
      String method, String path, ObjectNode body, ChangeContext change) {
    Map<String, String> headers =
        change == null || ChangeContext.UNKNOWN_ACTOR.equals(change.actor())
            ? Map.of()
            : Map.of(USER_HEADER, change.actor());
    return new HttpTransport.Call(method, path, List.of(), body, headers);
  }

  private static ObjectNode changeBody(ChangeContext change) {
    ObjectNode body = Wire.object();
    if (change != null && change.reason() != null) {
      body.put("reason", change.reason());
    }
    if (change != null && change.approval() != null) {
      body.put("approved_by", change.approval().approver());
      if (change.approval().reference() != null) {
        body.put("approval_reference", change.approval().reference());
      }
    }
    return body;
  }

  private static String modelPath(String name) {
    return NATIVE + "/models/" + segment(name);
  }

  private static String segment(String value) {
    return HttpTransport.segment(value);
  }

  private static ObjectNode nameAndVersion(String name, String version) {
    ObjectNode body = Wire.object();
    body.put("name", name);
    body.put("version", version);
    return body;
  }

  private static List<Map.Entry<String, String>> searchQuery(
      String filter, List<String> orderBy, int maxResults, String pageToken) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (filter != null) {
      query.add(Map.entry("filter", filter));
    }
    query.add(Map.entry("max_results", Integer.toString(maxResults)));
    orderBy.forEach(o -> query.add(Map.entry("order_by", o)));
    if (pageToken != null) {
      query.add(Map.entry("page_token", pageToken));
    }
    return query;
  }

  /** A value inside a single-quoted filter string: quotes are backslash-escaped. */
  private static String quote(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static String tagValue(List<ModelVersionTag> tags, String key) {
    for (ModelVersionTag tag : tags) {
      if (tag.key().equals(key)) {
        return tag.value();
      }
    }
    return null;
  }
}
