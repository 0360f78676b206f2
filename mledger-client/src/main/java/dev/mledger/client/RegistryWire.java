package dev.mledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionStatus;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelAlias;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;

/**
 * Reads model-registry entities from MLflow's proto-JSON ({@code mlflow.RegisteredModel}, {@code
 * mlflow.ModelVersion}) and from the native history entries of {@code /api/v1/registry}. Absent
 * fields take their proto defaults, as in {@link Wire}.
 */
final class RegistryWire {
  private RegistryWire() {}

  static RegisteredModel registeredModel(JsonNode json) {
    return new RegisteredModel(
        Wire.text(json, "name"),
        Wire.longValue(json, "creation_timestamp"),
        Wire.longValue(json, "last_updated_timestamp"),
        Wire.textOrNull(json, "description"),
        Wire.list(json, "latest_versions", RegistryWire::modelVersion),
        Wire.list(
            json,
            "tags",
            t -> new RegisteredModelTag(Wire.text(t, "key"), Wire.textOrNull(t, "value"))),
        Wire.list(
            json,
            "aliases",
            a -> new RegisteredModelAlias(Wire.text(a, "alias"), Wire.text(a, "version"))));
  }

  static ModelVersion modelVersion(JsonNode json) {
    String status = Wire.textOrNull(json, "status");
    String stage = Wire.textOrNull(json, "current_stage");
    return new ModelVersion(
        Wire.text(json, "name"),
        Wire.text(json, "version"),
        Wire.longValue(json, "creation_timestamp"),
        Wire.longValue(json, "last_updated_timestamp"),
        Wire.textOrNull(json, "user_id"),
        stage == null || stage.isEmpty() ? Stage.NONE : Stage.parse(stage),
        Wire.textOrNull(json, "description"),
        Wire.textOrNull(json, "source"),
        emptyToNull(Wire.textOrNull(json, "run_id")),
        status == null ? ModelVersionStatus.READY : ModelVersionStatus.valueOf(status),
        Wire.textOrNull(json, "status_message"),
        Wire.list(
            json,
            "tags",
            t -> new ModelVersionTag(Wire.text(t, "key"), Wire.textOrNull(t, "value"))),
        Wire.textOrNull(json, "run_link"),
        Wire.list(json, "aliases", JsonNode::asText));
  }

  /** One entry of {@code GET /api/v1/registry/models/{name}/history}. */
  static StageTransition historyEntry(JsonNode json) {
    RegistryChange change =
        "alias".equals(Wire.text(json, "kind"))
            ? new RegistryChange.AliasChange(
                Wire.text(json, "alias"),
                Wire.textOrNull(json, "previous_version"),
                Wire.textOrNull(json, "new_version"))
            : new RegistryChange.StageChange(
                Stage.parse(Wire.text(json, "from_stage")),
                Stage.parse(Wire.text(json, "to_stage")));
    JsonNode approval = json.get("approval");
    return new StageTransition(
        Wire.longValue(json, "sequence"),
        Wire.text(json, "model"),
        Wire.text(json, "version"),
        change,
        Wire.text(json, "actor"),
        Wire.longValue(json, "timestamp"),
        Wire.textOrNull(json, "reason"),
        approval == null || approval.isNull()
            ? null
            : new Approval(
                Wire.text(approval, "approver"), Wire.textOrNull(approval, "reference")));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
