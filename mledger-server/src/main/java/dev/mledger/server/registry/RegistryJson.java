package dev.mledger.server.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelAlias;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.StageTransition;

/**
 * Registry entities as MLflow 2.17.2 writes them: {@code to_proto()} decides which fields are set
 * and the protobuf printer emits them in field-number order (int64 fields as JSON numbers, empty
 * repeated fields omitted). History entries, which MLflow lacks, use the same snake_case style.
 */
final class RegistryJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private RegistryJson() {}

  /** mlflow.RegisteredModel; an empty description is left out, as MLflow's {@code to_proto}. */
  static ObjectNode registeredModel(RegisteredModel model) {
    ObjectNode json = F.objectNode();
    json.put("name", model.name());
    json.put("creation_timestamp", model.creationTimestamp());
    if (model.lastUpdatedTimestamp() != 0) {
      json.put("last_updated_timestamp", model.lastUpdatedTimestamp());
    }
    if (model.description() != null && !model.description().isEmpty()) {
      json.put("description", model.description());
    }
    if (!model.latestVersions().isEmpty()) {
      ArrayNode latest = json.putArray("latest_versions");
      model.latestVersions().forEach(v -> latest.add(modelVersion(v)));
    }
    if (!model.tags().isEmpty()) {
      ArrayNode tags = json.putArray("tags");
      for (RegisteredModelTag tag : model.tags()) {
        tags.add(keyValue(tag.key(), tag.value()));
      }
    }
    if (!model.aliases().isEmpty()) {
      ArrayNode aliases = json.putArray("aliases");
      for (RegisteredModelAlias alias : model.aliases()) {
        aliases.addObject().put("alias", alias.alias()).put("version", alias.version());
      }
    }
    return json;
  }

  /** mlflow.ModelVersion in field-number order; null fields are left out. */
  static ObjectNode modelVersion(ModelVersion version) {
    ObjectNode json = F.objectNode();
    json.put("name", version.name());
    json.put("version", version.version());
    json.put("creation_timestamp", version.creationTimestamp());
    json.put("last_updated_timestamp", version.lastUpdatedTimestamp());
    putIfNotNull(json, "user_id", version.userId());
    json.put("current_stage", version.currentStage().wireName());
    putIfNotNull(json, "description", version.description());
    putIfNotNull(json, "source", version.source());
    putIfNotNull(json, "run_id", version.runId());
    json.put("status", version.status().name());
    if (version.statusMessage() != null && !version.statusMessage().isEmpty()) {
      json.put("status_message", version.statusMessage());
    }
    if (!version.tags().isEmpty()) {
      ArrayNode tags = json.putArray("tags");
      for (ModelVersionTag tag : version.tags()) {
        tags.add(keyValue(tag.key(), tag.value()));
      }
    }
    putIfNotNull(json, "run_link", version.runLink());
    if (!version.aliases().isEmpty()) {
      ArrayNode aliases = json.putArray("aliases");
      version.aliases().forEach(aliases::add);
    }
    return json;
  }

  /** One history entry of the native API. */
  static ObjectNode historyEntry(StageTransition entry) {
    ObjectNode json = F.objectNode();
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
      json.putNull("approval");
    } else {
      json.putObject("approval")
          .put("approver", approval.approver())
          .put("reference", approval.reference());
    }
    return json;
  }

  private static ObjectNode keyValue(String key, String value) {
    ObjectNode json = F.objectNode();
    json.put("key", key);
    putIfNotNull(json, "value", value);
    return json;
  }

  private static void putIfNotNull(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
