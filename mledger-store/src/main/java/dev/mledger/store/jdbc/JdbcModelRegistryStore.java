package dev.mledger.store.jdbc;

import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.ModelUri;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelAlias;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.core.tracking.Page;
import dev.mledger.store.registry.ModelRegistryStore;
import dev.mledger.store.registry.ModelVersionSearch;
import dev.mledger.store.registry.NewModelVersion;
import dev.mledger.store.registry.RegisteredModelSearch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The model registry on a JDBC database (SQLite or PostgreSQL), with the semantics of MLflow's
 * registry SqlAlchemyStore, plus an append-only history of stage and alias changes written in the
 * same transaction as each change.
 */
public final class JdbcModelRegistryStore implements ModelRegistryStore {
  private static final String REDACTED_SOURCE = "REDACTED-SOURCE-PATH";
  private static final String REDACTED_RUN_ID = "REDACTED-RUN-ID";
  private static final String REDACTED_RUN_LINK = "REDACTED-RUN-LINK";

  private final Database db;
  private final Clock clock;
  private final RegistrySearchQuery search;

  JdbcModelRegistryStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.search = new RegistrySearchQuery(db.dialect());
  }

  // ---- registered models ----

  @Override
  public RegisteredModel createRegisteredModel(
      String name, List<RegisteredModelTag> tags, String description) {
    long now = clock.millis();
    return db.write(
        h -> {
          if (RegistryDao.findModel(h, name, false, db.dialect()).isPresent()) {
            throw alreadyExists(name);
          }
          try {
            h.createUpdate(
                    "INSERT INTO registered_models (name, creation_time, last_updated_time,"
                        + " description) VALUES (?, ?, ?, ?)")
                .bind(0, name)
                .bind(1, now)
                .bind(2, now)
                .bindByType(3, description, String.class)
                .execute();
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
              throw alreadyExists(name);
            }
            throw e;
          }
          for (RegisteredModelTag tag : lastValuePerKey(tags)) {
            RegistryDao.upsertModelTag(h, name, tag);
          }
          audit(
              h,
              ChangeContext.UNKNOWN,
              "registered_model.create",
              name,
              null,
              AuditDetails.of("description", description, "tags", tagList(tags)));
          return loadModel(h, name);
        });
  }

  @Override
  public RegisteredModel getRegisteredModel(String name) {
    return db.read(h -> loadModel(h, name));
  }

  @Override
  public RegisteredModel updateRegisteredModel(String name, String description) {
    long now = clock.millis();
    return db.write(
        h -> {
          RegistryDao.requireModel(h, name, true, db.dialect());
          h.createUpdate(
                  "UPDATE registered_models SET description = ?, last_updated_time = ?"
                      + " WHERE name = ?")
              .bindByType(0, description, String.class)
              .bind(1, now)
              .bind(2, name)
              .execute();
          audit(
              h,
              ChangeContext.UNKNOWN,
              "registered_model.update",
              name,
              null,
              AuditDetails.of("description", description));
          return loadModel(h, name);
        });
  }

  @Override
  public RegisteredModel renameRegisteredModel(String name, String newName) {
    long now = clock.millis();
    return db.write(
        h -> {
          RegistryDao.requireModel(h, name, true, db.dialect());
          if (!name.equals(newName)) {
            if (RegistryDao.findModel(h, newName, false, db.dialect()).isPresent()) {
              throw alreadyExists(newName);
            }
            try {
              // Foreign keys cascade the new name into versions, tags and aliases.
              h.createUpdate("UPDATE registered_models SET name = ? WHERE name = ?")
                  .bind(0, newName)
                  .bind(1, name)
                  .execute();
            } catch (UnableToExecuteStatementException e) {
              if (SqlErrors.isUniqueViolation(e)) {
                throw alreadyExists(newName);
              }
              throw e;
            }
            RegistryHistoryDao.rename(h, name, newName);
          }
          RegistryDao.touchModel(h, newName, now);
          h.createUpdate("UPDATE model_versions SET last_updated_time = ? WHERE name = ?")
              .bind(0, now)
              .bind(1, newName)
              .execute();
          audit(
              h,
              ChangeContext.UNKNOWN,
              "registered_model.rename",
              name,
              null,
              AuditDetails.of("new_name", newName));
          return loadModel(h, newName);
        });
  }

  @Override
  public void deleteRegisteredModel(String name, ChangeContext context) {
    Objects.requireNonNull(context, "context");
    long now = clock.millis();
    db.write(
        h -> {
          RegistryDao.requireModel(h, name, true, db.dialect());
          for (RegisteredModelAlias alias : RegistryDao.aliasesOf(h, name)) {
            RegistryHistoryDao.recordAlias(
                h, name, alias.alias(), Long.parseLong(alias.version()), null, context, now);
          }
          // Versions, tags and aliases go with the model (ON DELETE CASCADE); history stays.
          h.createUpdate("DELETE FROM registered_models WHERE name = ?").bind(0, name).execute();
          audit(h, context, "registered_model.delete", name, null, AuditDetails.of());
          return null;
        });
  }

  @Override
  public Page<RegisteredModel> searchRegisteredModels(RegisteredModelSearch request) {
    return db.read(
        h -> {
          List<RegistryDao.ModelRow> rows =
              Queries.query(h, search.models(request))
                  .map((rs, ctx) -> RegistryDao.mapModel(rs))
                  .list();
          Page<RegistryDao.ModelRow> page =
              PageTokens.page(rows, request.maxResults(), request.offset());
          return new Page<>(RegistryDao.complete(h, page.items()), page.nextPageToken());
        });
  }

  @Override
  public List<ModelVersion> getLatestVersions(String name, List<Stage> stages) {
    Set<Stage> wanted = stages.isEmpty() ? EnumSet.allOf(Stage.class) : EnumSet.copyOf(stages);
    return db.read(
        h -> {
          RegistryDao.requireModel(h, name, false, db.dialect());
          List<ModelVersion> latest =
              RegistryDao.latestVersions(h, List.of(name)).getOrDefault(name, List.of());
          Map<Long, List<String>> aliases = aliasesByVersion(h, name);
          List<ModelVersion> result = new ArrayList<>();
          for (ModelVersion version : latest) {
            if (wanted.contains(version.currentStage())) {
              result.add(
                  withAliases(version, aliases.getOrDefault(version.versionNumber(), List.of())));
            }
          }
          return result;
        });
  }

  @Override
  public void setRegisteredModelTag(String name, RegisteredModelTag tag) {
    db.write(
        h -> {
          RegistryDao.requireModel(h, name, false, db.dialect());
          RegistryDao.upsertModelTag(h, name, tag);
          audit(
              h,
              ChangeContext.UNKNOWN,
              "registered_model.set_tag",
              name,
              null,
              AuditDetails.of("key", tag.key(), "value", tag.value()));
          return null;
        });
  }

  @Override
  public void deleteRegisteredModelTag(String name, String key) {
    db.write(
        h -> {
          RegistryDao.requireModel(h, name, false, db.dialect());
          h.createUpdate("DELETE FROM registered_model_tags WHERE name = ? AND key = ?")
              .bind(0, name)
              .bind(1, key)
              .execute();
          audit(
              h,
              ChangeContext.UNKNOWN,
              "registered_model.delete_tag",
              name,
              null,
              AuditDetails.of("key", key));
          return null;
        });
  }

  // ---- model versions ----

  @Override
  public ModelVersion createModelVersion(NewModelVersion request) {
    long now = clock.millis();
    return db.write(
        h -> {
          // Locking the model row serializes concurrent registrations on PostgreSQL, so each
          // gets the next number; SQLite writes are serialized already.
          RegistryDao.requireModel(h, request.name(), true, db.dialect());
          String storageLocation = storageLocation(h, request.source());
          long version = RegistryDao.nextVersion(h, request.name());
          h.createUpdate(
                  "INSERT INTO model_versions (name, version, creation_time, last_updated_time,"
                      + " description, user_id, current_stage, source, storage_location, run_id,"
                      + " run_link, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'READY')")
              .bind(0, request.name())
              .bind(1, version)
              .bind(2, now)
              .bind(3, now)
              .bindByType(4, request.description(), String.class)
              .bindByType(5, request.userId(), String.class)
              .bind(6, Stage.NONE.wireName())
              .bind(7, request.source())
              .bindByType(8, storageLocation, String.class)
              .bindByType(9, request.runId(), String.class)
              .bindByType(10, request.runLink(), String.class)
              .execute();
          for (ModelVersionTag tag : lastValuePerVersionTagKey(request.tags())) {
            RegistryDao.upsertVersionTag(h, request.name(), version, tag);
          }
          audit(
              h,
              ChangeContext.by(request.userId()),
              "model_version.create",
              request.name(),
              version,
              AuditDetails.of(
                  "source", request.source(),
                  "run_id", request.runId(),
                  "description", request.description(),
                  "tags", versionTagList(request.tags())));
          RegistryDao.touchModel(h, request.name(), now);
          return RegistryDao.withTagsAndAliases(
              h, RegistryDao.requireVersion(h, request.name(), version));
        });
  }

  /**
   * A {@code models:/} source is stored as given, but downloads go where the version it names keeps
   * its artifacts (MLflow's storage_location).
   */
  private static String storageLocation(Handle h, String source) {
    if (!source.startsWith("models:")) {
      return source;
    }
    try {
      ModelUri uri = ModelUri.parse(source);
      RegistryDao.VersionRow target = resolveRow(h, uri);
      return target.storageLocation() != null ? target.storageLocation() : target.source();
    } catch (MledgerException e) {
      throw MledgerException.invalidParameter(
          "Unable to fetch model from model URI source artifact location '"
              + source
              + "'.Error: "
              + e.getMessage());
    }
  }

  private static RegistryDao.VersionRow resolveRow(Handle h, ModelUri uri) {
    if (uri instanceof ModelUri.ByVersion v) {
      return RegistryDao.requireVersion(h, v.name(), v.version());
    }
    if (uri instanceof ModelUri.ByAlias a) {
      long version =
          RegistryDao.aliasTarget(h, a.name(), a.alias())
              .orElseThrow(() -> aliasNotFound(a.alias()));
      return RegistryDao.requireVersion(h, a.name(), version);
    }
    List<ModelVersion> latest =
        RegistryDao.latestVersions(h, List.of(uri.name())).getOrDefault(uri.name(), List.of());
    Optional<ModelVersion> match =
        uri instanceof ModelUri.ByStage s
            ? latest.stream().filter(v -> v.currentStage() == s.stage()).findFirst()
            : latest.stream().max(java.util.Comparator.comparingLong(ModelVersion::versionNumber));
    ModelVersion version =
        match.orElseThrow(
            () ->
                MledgerException.notFound(
                    "No versions of model with name '" + uri.name() + "' found"));
    return RegistryDao.requireVersion(h, uri.name(), version.versionNumber());
  }

  @Override
  public ModelVersion getModelVersion(String name, long version) {
    return db.read(
        h -> RegistryDao.withTagsAndAliases(h, RegistryDao.requireVersion(h, name, version)));
  }

  @Override
  public ModelVersion updateModelVersion(String name, long version, String description) {
    long now = clock.millis();
    return db.write(
        h -> {
          RegistryDao.requireVersion(h, name, version);
          h.createUpdate(
                  "UPDATE model_versions SET description = ?, last_updated_time = ?"
                      + " WHERE name = ? AND version = ?")
              .bindByType(0, description, String.class)
              .bind(1, now)
              .bind(2, name)
              .bind(3, version)
              .execute();
          audit(
              h,
              ChangeContext.UNKNOWN,
              "model_version.update",
              name,
              version,
              AuditDetails.of("description", description));
          return RegistryDao.withTagsAndAliases(h, RegistryDao.requireVersion(h, name, version));
        });
  }

  @Override
  public ModelVersion transitionStage(
      String name,
      long version,
      Stage stage,
      boolean archiveExistingVersions,
      ChangeContext context) {
    Objects.requireNonNull(context, "context");
    if (archiveExistingVersions && !stage.isActive()) {
      throw MledgerException.invalidParameter(
          "Model version transition cannot archive existing model versions because '"
              + stage.wireName()
              + "' is not an Active stage. Valid stages are ['Staging', 'Production']");
    }
    long now = clock.millis();
    return db.write(
        h -> {
          RegistryDao.requireModel(h, name, true, db.dialect());
          RegistryDao.VersionRow target = RegistryDao.requireVersion(h, name, version);
          if (archiveExistingVersions) {
            List<Long> displaced =
                h.createQuery(
                        "SELECT version FROM model_versions WHERE name = ? AND version <> ?"
                            + " AND current_stage = ? ORDER BY version")
                    .bind(0, name)
                    .bind(1, version)
                    .bind(2, stage.wireName())
                    .mapTo(Long.class)
                    .list();
            ChangeContext archiving =
                context.withReason(archiveReason(version, stage, context.reason()));
            for (long other : displaced) {
              RegistryDao.updateStage(h, name, other, Stage.ARCHIVED.wireName(), now);
              RegistryHistoryDao.recordStage(h, name, other, stage, Stage.ARCHIVED, archiving, now);
            }
          }
          RegistryDao.updateStage(h, name, version, stage.wireName(), now);
          RegistryHistoryDao.recordStage(h, name, version, target.stage(), stage, context, now);
          audit(
              h,
              context,
              "model_version.transition_stage",
              name,
              version,
              AuditDetails.of(
                  "from", target.stage().wireName(),
                  "to", stage.wireName(),
                  "archive_existing_versions", archiveExistingVersions));
          RegistryDao.touchModel(h, name, now);
          return RegistryDao.withTagsAndAliases(h, RegistryDao.requireVersion(h, name, version));
        });
  }

  private static String archiveReason(long version, Stage stage, String reason) {
    String cause =
        "archive_existing_versions: version " + version + " moved to " + stage.wireName();
    return reason == null ? cause : cause + ": " + reason;
  }

  @Override
  public void deleteModelVersion(String name, long version, ChangeContext context) {
    Objects.requireNonNull(context, "context");
    long now = clock.millis();
    db.write(
        h -> {
          RegistryDao.requireVersion(h, name, version);
          List<String> aliases =
              h.createQuery(
                      "SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ?"
                          + " ORDER BY alias")
                  .bind(0, name)
                  .bind(1, version)
                  .mapTo(String.class)
                  .list();
          for (String alias : aliases) {
            RegistryHistoryDao.recordAlias(h, name, alias, version, null, context, now);
          }
          h.createUpdate("DELETE FROM registered_model_aliases WHERE name = ? AND version = ?")
              .bind(0, name)
              .bind(1, version)
              .execute();
          // MLflow keeps the row (so the number is never reused) with its content redacted.
          h.createUpdate(
                  "UPDATE model_versions SET current_stage = ?, last_updated_time = ?,"
                      + " description = NULL, user_id = NULL, source = ?, run_id = ?,"
                      + " run_link = ?, status_message = NULL WHERE name = ? AND version = ?")
              .bind(0, RegistryDao.DELETED_STAGE)
              .bind(1, now)
              .bind(2, REDACTED_SOURCE)
              .bind(3, REDACTED_RUN_ID)
              .bind(4, REDACTED_RUN_LINK)
              .bind(5, name)
              .bind(6, version)
              .execute();
          RegistryDao.touchModel(h, name, now);
          audit(
              h,
              context,
              "model_version.delete",
              name,
              version,
              AuditDetails.of("removed_aliases", aliases));
          return null;
        });
  }

  @Override
  public String getModelVersionDownloadUri(String name, long version) {
    return db.read(
        h -> {
          RegistryDao.VersionRow row = RegistryDao.requireVersion(h, name, version);
          return row.storageLocation() != null ? row.storageLocation() : row.source();
        });
  }

  @Override
  public Page<ModelVersion> searchModelVersions(ModelVersionSearch request) {
    return db.read(
        h -> {
          List<RegistryDao.VersionRow> rows =
              Queries.query(h, search.versions(request))
                  .map((rs, ctx) -> RegistryDao.mapVersion(rs))
                  .list();
          Page<RegistryDao.VersionRow> page =
              PageTokens.page(rows, request.maxResults(), request.offset());
          return new Page<>(RegistryDao.withTags(h, page.items()), page.nextPageToken());
        });
  }

  @Override
  public void setModelVersionTag(String name, long version, ModelVersionTag tag) {
    db.write(
        h -> {
          RegistryDao.requireVersion(h, name, version);
          RegistryDao.upsertVersionTag(h, name, version, tag);
          audit(
              h,
              ChangeContext.UNKNOWN,
              "model_version.set_tag",
              name,
              version,
              AuditDetails.of("key", tag.key(), "value", tag.value()));
          return null;
        });
  }

  @Override
  public void deleteModelVersionTag(String name, long version, String key) {
    db.write(
        h -> {
          RegistryDao.requireVersion(h, name, version);
          h.createUpdate(
                  "DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?")
              .bind(0, name)
              .bind(1, version)
              .bind(2, key)
              .execute();
          audit(
              h,
              ChangeContext.UNKNOWN,
              "model_version.delete_tag",
              name,
              version,
              AuditDetails.of("key", key));
          return null;
        });
  }

  // ---- aliases ----

  @Override
  public void setAlias(String name, String alias, long version, ChangeContext context) {
    Objects.requireNonNull(context, "context");
    long now = clock.millis();
    db.write(
        h -> {
          RegistryDao.requireModel(h, name, true, db.dialect());
          RegistryDao.requireVersion(h, name, version);
          Long previous = RegistryDao.aliasTarget(h, name, alias).orElse(null);
          h.createUpdate(
                  "INSERT INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)"
                      + " ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version")
              .bind(0, name)
              .bind(1, alias)
              .bind(2, version)
              .execute();
          RegistryHistoryDao.recordAlias(h, name, alias, previous, version, context, now);
          audit(
              h,
              context,
              "alias.set",
              name,
              null,
              AuditDetails.of("alias", alias, "version", version, "previous_version", previous));
          return null;
        });
  }

  @Override
  public void deleteAlias(String name, String alias, ChangeContext context) {
    Objects.requireNonNull(context, "context");
    long now = clock.millis();
    db.write(
        h -> {
          RegistryDao.requireModel(h, name, true, db.dialect());
          Optional<Long> previous = RegistryDao.aliasTarget(h, name, alias);
          if (previous.isPresent()) {
            h.createUpdate("DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?")
                .bind(0, name)
                .bind(1, alias)
                .execute();
            RegistryHistoryDao.recordAlias(h, name, alias, previous.get(), null, context, now);
          }
          audit(
              h,
              context,
              "alias.delete",
              name,
              null,
              AuditDetails.of("alias", alias, "previous_version", previous.orElse(null)));
          return null;
        });
  }

  @Override
  public ModelVersion getModelVersionByAlias(String name, String alias) {
    return db.read(
        h -> {
          long version =
              RegistryDao.aliasTarget(h, name, alias).orElseThrow(() -> aliasNotFound(alias));
          return RegistryDao.withTagsAndAliases(h, RegistryDao.requireVersion(h, name, version));
        });
  }

  // ---- history ----

  @Override
  public List<StageTransition> history(String name) {
    return db.read(h -> RegistryHistoryDao.history(h, name));
  }

  // ---- helpers ----

  private static RegisteredModel loadModel(Handle h, String name) {
    RegistryDao.ModelRow row =
        RegistryDao.findModel(h, name, false, null)
            .orElseThrow(() -> RegistryDao.modelNotFound(name));
    return RegistryDao.complete(h, List.of(row)).get(0);
  }

  private static Map<Long, List<String>> aliasesByVersion(Handle h, String name) {
    Map<Long, List<String>> byVersion = new LinkedHashMap<>();
    for (RegisteredModelAlias alias : RegistryDao.aliasesOf(h, name)) {
      byVersion
          .computeIfAbsent(Long.parseLong(alias.version()), v -> new ArrayList<>())
          .add(alias.alias());
    }
    return byVersion;
  }

  private static ModelVersion withAliases(ModelVersion v, List<String> aliases) {
    return new ModelVersion(
        v.name(),
        v.version(),
        v.creationTimestamp(),
        v.lastUpdatedTimestamp(),
        v.userId(),
        v.currentStage(),
        v.description(),
        v.source(),
        v.runId(),
        v.status(),
        v.statusMessage(),
        v.tags(),
        v.runLink(),
        aliases);
  }

  private static List<RegisteredModelTag> lastValuePerKey(List<RegisteredModelTag> tags) {
    Map<String, RegisteredModelTag> byKey = new LinkedHashMap<>();
    for (RegisteredModelTag tag : tags == null ? List.<RegisteredModelTag>of() : tags) {
      byKey.put(tag.key(), tag);
    }
    return List.copyOf(byKey.values());
  }

  private static List<ModelVersionTag> lastValuePerVersionTagKey(List<ModelVersionTag> tags) {
    Map<String, ModelVersionTag> byKey = new LinkedHashMap<>();
    for (ModelVersionTag tag : tags) {
      byKey.put(tag.key(), tag);
    }
    return List.copyOf(byKey.values());
  }

  private static MledgerException alreadyExists(String name) {
    return MledgerException.alreadyExists("Registered Model (name=" + name + ") already exists.");
  }

  private static MledgerException aliasNotFound(String alias) {
    return MledgerException.invalidParameter("Registered model alias " + alias + " not found.");
  }

  // ---- audit ----

  /**
   * Records the change in the audit trail through {@code h}, so the entry commits or rolls back
   * with it. The subject is the model, or the model version when {@code version} is given.
   */
  private void audit(
      Handle h,
      ChangeContext context,
      String action,
      String name,
      Long version,
      Map<String, Object> details) {
    db.audit()
        .record(
            h,
            () -> {
              Map<String, Object> all = new LinkedHashMap<>(details);
              if (context.reason() != null) {
                all.put("reason", context.reason());
              }
              if (context.approval() != null) {
                all.put("approved_by", context.approval().approver());
                all.put("approval_reference", context.approval().reference());
              }
              return new AuditEvent(
                  context.actor(),
                  "registry." + action,
                  version == null ? "registered_model" : "model_version",
                  version == null ? name : name + "/" + version,
                  all);
            });
  }

  private static List<Object> tagList(List<RegisteredModelTag> tags) {
    List<Object> list = new ArrayList<>();
    for (RegisteredModelTag tag : tags) {
      list.add(AuditDetails.of("key", tag.key(), "value", tag.value()));
    }
    return list;
  }

  private static List<Object> versionTagList(List<ModelVersionTag> tags) {
    List<Object> list = new ArrayList<>();
    for (ModelVersionTag tag : tags) {
      list.add(AuditDetails.of("key", tag.key(), "value", tag.value()));
    }
    return list;
  }
}
