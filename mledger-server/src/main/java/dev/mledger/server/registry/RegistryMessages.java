package dev.mledger.server.registry;

import dev.mledger.server.mlflow.proto.MessageSpec;

/**
 * Request messages of MLflow's model registry service as declared in {@code
 * mlflow/protos/model_registry.proto} of MLflow 2.17.2 (field names, types and defaults).
 */
final class RegistryMessages {
  private RegistryMessages() {}

  static final MessageSpec TAG = MessageSpec.named("Tag").string("key").string("value").build();

  static final MessageSpec CREATE_REGISTERED_MODEL =
      MessageSpec.named("CreateRegisteredModel")
          .string("name")
          .messages("tags", TAG)
          .string("description")
          .build();

  static final MessageSpec RENAME_REGISTERED_MODEL =
      MessageSpec.named("RenameRegisteredModel").string("name").string("new_name").build();

  static final MessageSpec UPDATE_REGISTERED_MODEL =
      MessageSpec.named("UpdateRegisteredModel").string("name").string("description").build();

  static final MessageSpec NAME = MessageSpec.named("RegisteredModelName").string("name").build();

  static final MessageSpec SEARCH_REGISTERED_MODELS =
      MessageSpec.named("SearchRegisteredModels")
          .string("filter")
          .int64("max_results")
          .strings("order_by")
          .string("page_token")
          .build();

  static final MessageSpec GET_LATEST_VERSIONS =
      MessageSpec.named("GetLatestVersions").string("name").strings("stages").build();

  static final MessageSpec CREATE_MODEL_VERSION =
      MessageSpec.named("CreateModelVersion")
          .string("name")
          .string("source")
          .string("run_id")
          .messages("tags", TAG)
          .string("run_link")
          .string("description")
          .build();

  static final MessageSpec UPDATE_MODEL_VERSION =
      MessageSpec.named("UpdateModelVersion")
          .string("name")
          .string("version")
          .string("description")
          .build();

  static final MessageSpec TRANSITION_STAGE =
      MessageSpec.named("TransitionModelVersionStage")
          .string("name")
          .string("version")
          .string("stage")
          .bool("archive_existing_versions")
          .build();

  static final MessageSpec NAME_AND_VERSION =
      MessageSpec.named("ModelVersionKey").string("name").string("version").build();

  static final MessageSpec SEARCH_MODEL_VERSIONS =
      MessageSpec.named("SearchModelVersions")
          .string("filter")
          .int64("max_results")
          .strings("order_by")
          .string("page_token")
          .build();

  static final MessageSpec SET_REGISTERED_MODEL_TAG =
      MessageSpec.named("SetRegisteredModelTag")
          .string("name")
          .string("key")
          .string("value")
          .build();

  static final MessageSpec SET_MODEL_VERSION_TAG =
      MessageSpec.named("SetModelVersionTag")
          .string("name")
          .string("version")
          .string("key")
          .string("value")
          .build();

  static final MessageSpec DELETE_REGISTERED_MODEL_TAG =
      MessageSpec.named("DeleteRegisteredModelTag").string("name").string("key").build();

  static final MessageSpec DELETE_MODEL_VERSION_TAG =
      MessageSpec.named("DeleteModelVersionTag")
          .string("name")
          .string("version")
          .string("key")
          .build();

  static final MessageSpec SET_ALIAS =
      MessageSpec.named("SetRegisteredModelAlias")
          .string("name")
          .string("alias")
          .string("version")
          .build();

  static final MessageSpec ALIAS =
      MessageSpec.named("RegisteredModelAliasKey").string("name").string("alias").build();
}
