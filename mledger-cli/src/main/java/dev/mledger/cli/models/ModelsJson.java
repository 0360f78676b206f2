package dev.mledger.cli.models;

import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelAlias;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.StageTransition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON shapes of registry entities in {@code --json} output: the field names of MLflow's registry
 * REST API ({@code registered_model}, {@code model_version}) and of mledger's native history, so
 * scripts read them as they would read the server's answers.
 */
final class ModelsJson {
  private ModelsJson() {}

  static Map<String, Object> registeredModel(RegisteredModel model) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", model.name());
    json.put("creation_timestamp", model.creationTimestamp());
    json.put("last_updated_timestamp", model.lastUpdatedTimestamp());
    json.put("description", model.description());
    json.put(
        "latest_versions", model.latestVersions().stream().map(ModelsJson::modelVersion).toList());
    json.put("tags", model.tags().stream().map(ModelsJson::tag).toList());
    json.put("aliases", model.aliases().stream().map(ModelsJson::alias).toList());
    return json;
  }

  static Map<String, Object> modelVersion(ModelVersion version) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", version.name());
    json.put("version", version.version());
    json.put("creation_timestamp", version.creationTimestamp());
    json.put("last_updated_timestamp", version.lastUpdatedTimestamp());
    json.put("user_id", version.userId());
    json.put("current_stage", version.currentStage().wireName());
    json.put("description", version.description());
    json.put("source", version.source());
    json.put("run_id", version.runId());
    json.put("status", version.status().name());
    json.put("status_message", version.statusMessage());
    json.put("tags", version.tags().stream().map(ModelsJson::tag).toList());
    json.put("run_link", version.runLink());
    json.put("aliases", version.aliases());
    return json;
  }

  static Map<String, Object> historyEntry(StageTransition entry) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sequence", entry.sequence());
    json.put("model", entry.modelName());
    json.put("version", entry.version());
    if (entry.change() instanceof RegistryChange.StageChange stage) {
      json.put("kind", "stage");
      json.put("from_stage", stage.from().wireName());
      json.put("to_stage", stage.to().wireName());
    } else if (entry.change() instanceof RegistryChange.AliasChange alias) {
      json.put("kind", "alias");
      json.put("alias", alias.alias());
      json.put("previous_version", alias.previousVersion());
      json.put("new_version", alias.newVersion());
    }
    json.put("actor", entry.actor());
    json.put("timestamp", entry.timestamp());
    json.put("reason", entry.reason());
    Approval approval = entry.approval();
    if (approval == null) {
      json.put("approval", null);
    } else {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("approver", approval.approver());
      a.put("reference", approval.reference());
      json.put("approval", a);
    }
    return json;
  }

  static List<Map<String, Object>> versions(List<ModelVersion> versions) {
    return versions.stream().map(ModelsJson::modelVersion).toList();
  }

  private static Map<String, Object> tag(RegisteredModelTag tag) {
    return keyValue(tag.key(), tag.value());
  }

  private static Map<String, Object> tag(ModelVersionTag tag) {
    return keyValue(tag.key(), tag.value());
  }

  private static Map<String, Object> alias(RegisteredModelAlias alias) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("alias", alias.alias());
    json.put("version", alias.version());
    return json;
  }

  private static Map<String, Object> keyValue(String key, String value) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", key);
    json.put("value", value);
    return json;
  }
}
