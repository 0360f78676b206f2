package dev.mledger.store.registry;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.ModelUri;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.core.tracking.Page;
import java.util.Comparator;
import java.util.List;

/**
 * Storage SPI for the model registry, with MLflow 2.17 SqlAlchemyStore semantics. Every method is
 * one transaction. Versions are addressed by model name and version number.
 *
 * <p>Errors are {@link MledgerException}s with MLflow's codes and messages: RESOURCE_DOES_NOT_EXIST
 * for an unknown model ("Registered Model with name=x not found") or version ("Model Version
 * (name=x, version=3) not found"), RESOURCE_ALREADY_EXISTS for a duplicate model name,
 * INVALID_PARAMETER_VALUE for an unknown alias ("Registered model alias a not found.") and for
 * archive_existing_versions with an inactive target stage. Input shape (names, tag keys, alias
 * syntax, page sizes) is validated by the caller with {@code RegistryValidation}.
 *
 * <p><b>History</b>: every stage transition and every alias change (set, moved, deleted, or removed
 * because its version was deleted) appends one {@link StageTransition} carrying the {@link
 * ChangeContext}, in the same transaction as the change. History entries are never updated or
 * deleted; they outlive their versions and models (only a rename re-labels them with the new name,
 * so they stay reachable).
 *
 * <p>Deleting a version keeps its number reserved, as MLflow does: later versions never reuse it.
 */
public interface ModelRegistryStore {

  // ---- registered models ----

  /** Creates a model; duplicate tag keys keep the last value. */
  RegisteredModel createRegisteredModel(
      String name, List<RegisteredModelTag> tags, String description);

  RegisteredModel getRegisteredModel(String name);

  /** Sets the description (null clears it) and bumps the last update time. */
  RegisteredModel updateRegisteredModel(String name, String description);

  /** Renames the model and all its versions; RESOURCE_ALREADY_EXISTS if the new name is taken. */
  RegisteredModel renameRegisteredModel(String name, String newName);

  /**
   * Deletes the model with its versions, tags and aliases; its history stays. The removal of each
   * remaining alias is recorded with {@code context}.
   */
  void deleteRegisteredModel(String name, ChangeContext context);

  Page<RegisteredModel> searchRegisteredModels(RegisteredModelSearch search);

  /**
   * For each requested stage, the highest version in it; all stages when {@code stages} is empty.
   * Versions come in ascending version order and carry their aliases.
   */
  List<ModelVersion> getLatestVersions(String name, List<Stage> stages);

  void setRegisteredModelTag(String name, RegisteredModelTag tag);

  /** Deletes the tag if present; the model must exist. */
  void deleteRegisteredModelTag(String name, String key);

  // ---- model versions ----

  /** Registers the next version (in stage None, status READY). */
  ModelVersion createModelVersion(NewModelVersion version);

  ModelVersion getModelVersion(String name, long version);

  /** Sets the description (null leaves it unchanged, as MLflow's handler does when unset). */
  ModelVersion updateModelVersion(String name, long version, String description);

  /**
   * Moves the version to {@code stage}. With {@code archiveExistingVersions}, every other version
   * in that stage moves to Archived in the same transaction; this requires an active target stage
   * (Staging or Production). Each move is recorded in the history; a transition to the stage the
   * version is already in is recorded too (it is an explicit decision).
   */
  ModelVersion transitionStage(
      String name,
      long version,
      Stage stage,
      boolean archiveExistingVersions,
      ChangeContext context);

  /**
   * Soft-deletes the version as MLflow does (its fields are redacted and it disappears from every
   * read); aliases pointing at it are removed and recorded.
   */
  void deleteModelVersion(String name, long version, ChangeContext context);

  /** Where the version's artifacts are: its storage location, or its source. */
  String getModelVersionDownloadUri(String name, long version);

  /** Versions come without aliases, exactly as MLflow's search returns them. */
  Page<ModelVersion> searchModelVersions(ModelVersionSearch search);

  void setModelVersionTag(String name, long version, ModelVersionTag tag);

  /** Deletes the tag if present; the version must exist. */
  void deleteModelVersionTag(String name, long version, String key);

  // ---- aliases ----

  /** Points {@code alias} at the version (creating or moving it) and records the change. */
  void setAlias(String name, String alias, long version, ChangeContext context);

  /** Removes the alias if it exists (recording it); the model must exist. */
  void deleteAlias(String name, String alias, ChangeContext context);

  ModelVersion getModelVersionByAlias(String name, String alias);

  // ---- history ----

  /**
   * The model's stage and alias history, oldest first. Answers for deleted models too; an empty
   * list for a name that never had any.
   */
  List<StageTransition> history(String name);

  /**
   * The version a {@code models:/} URI designates: a version number, an alias, the latest version
   * in a stage, or the latest version overall.
   *
   * @throws MledgerException RESOURCE_DOES_NOT_EXIST when nothing matches
   */
  default ModelVersion resolve(ModelUri uri) {
    if (uri instanceof ModelUri.ByVersion v) {
      return getModelVersion(v.name(), v.version());
    }
    if (uri instanceof ModelUri.ByAlias a) {
      return getModelVersionByAlias(a.name(), a.alias());
    }
    if (uri instanceof ModelUri.ByStage s) {
      return getLatestVersions(s.name(), List.of(s.stage())).stream()
          .findFirst()
          .orElseThrow(
              () ->
                  MledgerException.notFound(
                      "No versions of model with name '"
                          + s.name()
                          + "' and stage '"
                          + s.stage().wireName()
                          + "' found"));
    }
    return getLatestVersions(uri.name(), List.of()).stream()
        .max(Comparator.comparingLong(ModelVersion::versionNumber))
        .orElseThrow(
            () ->
                MledgerException.notFound(
                    "No versions of model with name '" + uri.name() + "' found"));
  }
}
