package dev.mledger.store.jdbc;

import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionStatus;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelAlias;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the registry tables: rows, their tags and aliases, and latest versions per stage. */
final class RegistryDao {
  /** MLflow's internal stage of soft-deleted versions; never visible through the API. */
  static final String DELETED_STAGE = "Deleted_Internal";

  static final String MODEL_COLUMNS =
      "rm.name, rm.creation_time, rm.last_updated_time, rm.description";

  static final String VERSION_COLUMNS =
      "mv.name, mv.version, mv.creation_time, mv.last_updated_time, mv.description, mv.user_id,"
          + " mv.current_stage, mv.source, mv.storage_location, mv.run_id, mv.run_link, mv.status,"
          + " mv.status_message";

  private RegistryDao() {}

  /** A registered model row without tags, aliases and latest versions. */
  record ModelRow(String name, long creationTime, long lastUpdatedTime, String description) {}

  /** A model version row without tags and aliases. */
  record VersionRow(
      String name,
      long version,
      long creationTime,
      long lastUpdatedTime,
      String description,
      String userId,
      Stage stage,
      String source,
      String storageLocation,
      String runId,
      String runLink,
      ModelVersionStatus status,
      String statusMessage) {

    ModelVersion toVersion(List<ModelVersionTag> tags, List<String> aliases) {
      return new ModelVersion(
          name,
          Long.toString(version),
          creationTime,
          lastUpdatedTime,
          userId,
          stage,
          description,
          source,
          runId,
          status,
          statusMessage,
          tags,
          runLink,
          aliases);
    }

    VersionKey key() {
      return new VersionKey(name, version);
    }
  }

  /** Identifies one version. */
  record VersionKey(String name, long version) {}

  static ModelRow mapModel(ResultSet rs) throws SQLException {
    return new ModelRow(
        rs.getString("name"),
        rs.getLong("creation_time"),
        rs.getLong("last_updated_time"),
        rs.getString("description"));
  }

  static VersionRow mapVersion(ResultSet rs) throws SQLException {
    return new VersionRow(
        rs.getString("name"),
        rs.getLong("version"),
        rs.getLong("creation_time"),
        rs.getLong("last_updated_time"),
        rs.getString("description"),
        rs.getString("user_id"),
        Stage.parse(rs.getString("current_stage")),
        rs.getString("source"),
        rs.getString("storage_location"),
        rs.getString("run_id"),
        rs.getString("run_link"),
        ModelVersionStatus.valueOf(rs.getString("status")),
        rs.getString("status_message"));
  }

  // ---- registered models ----

  static Optional<ModelRow> findModel(Handle h, String name, boolean forUpdate, Dialect dialect) {
    String lock = forUpdate && dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    return h.createQuery(
            "SELECT " + MODEL_COLUMNS + " FROM registered_models rm WHERE rm.name = ?" + lock)
        .bind(0, name)
        .map((rs, ctx) -> mapModel(rs))
        .findOne();
  }

  static ModelRow requireModel(Handle h, String name, boolean forUpdate, Dialect dialect) {
    return findModel(h, name, forUpdate, dialect).orElseThrow(() -> modelNotFound(name));
  }

  static MledgerException modelNotFound(String name) {
    return MledgerException.notFound("Registered Model with name=" + name + " not found");
  }

  static void touchModel(Handle h, String name, long now) {
    h.createUpdate("UPDATE registered_models SET last_updated_time = ? WHERE name = ?")
        .bind(0, now)
        .bind(1, name)
        .execute();
  }

  /** Registered models with their tags, aliases and latest versions, in the order given. */
  static List<RegisteredModel> complete(Handle h, List<ModelRow> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> names = rows.stream().map(ModelRow::name).toList();
    Map<String, List<RegisteredModelTag>> tags = modelTags(h, names);
    Map<String, List<RegisteredModelAlias>> aliases = aliases(h, names);
    Map<String, List<ModelVersion>> latest = latestVersions(h, names);
    List<RegisteredModel> models = new ArrayList<>(rows.size());
    for (ModelRow row : rows) {
      models.add(
          new RegisteredModel(
              row.name(),
              row.creationTime(),
              row.lastUpdatedTime(),
              row.description(),
              latest.getOrDefault(row.name(), List.of()),
              tags.getOrDefault(row.name(), List.of()),
              aliases.getOrDefault(row.name(), List.of())));
    }
    return models;
  }

  private static Map<String, List<RegisteredModelTag>> modelTags(Handle h, List<String> names) {
    Map<String, List<RegisteredModelTag>> tags = new LinkedHashMap<>();
    for (List<String> chunk : Ids.chunks(names)) {
      SqlWriter sql =
          new SqlWriter()
              .append("SELECT name, key, value FROM registered_model_tags WHERE name IN ")
              .paramList(chunk)
              .append(" ORDER BY name, key");
      Queries.query(h, sql)
          .map(
              (rs, ctx) -> {
                tags.computeIfAbsent(rs.getString("name"), n -> new ArrayList<>())
                    .add(new RegisteredModelTag(rs.getString("key"), rs.getString("value")));
                return null;
              })
          .list();
    }
    return tags;
  }

  static Map<String, List<RegisteredModelAlias>> aliases(Handle h, List<String> names) {
    Map<String, List<RegisteredModelAlias>> aliases = new LinkedHashMap<>();
    for (List<String> chunk : Ids.chunks(names)) {
      SqlWriter sql =
          new SqlWriter()
              .append("SELECT name, alias, version FROM registered_model_aliases WHERE name IN ")
              .paramList(chunk)
              .append(" ORDER BY name, alias");
      Queries.query(h, sql)
          .map(
              (rs, ctx) -> {
                aliases
                    .computeIfAbsent(rs.getString("name"), n -> new ArrayList<>())
                    .add(
                        new RegisteredModelAlias(
                            rs.getString("alias"), Long.toString(rs.getLong("version"))));
                return null;
              })
          .list();
    }
    return aliases;
  }

  /**
   * Per model, the highest version in each stage. Stages come in the order MLflow's entity builds
   * them: by the lowest version in the stage (the first one met walking the versions upwards).
   */
  static Map<String, List<ModelVersion>> latestVersions(Handle h, List<String> names) {
    Map<String, List<VersionRow>> rows = new LinkedHashMap<>();
    for (List<String> chunk : Ids.chunks(names)) {
      SqlWriter sql =
          new SqlWriter()
              .append("SELECT " + VERSION_COLUMNS + " FROM model_versions mv JOIN (")
              .append(
                  "SELECT name, current_stage, MAX(version) AS latest, MIN(version) AS first_seen"
                      + " FROM model_versions WHERE current_stage <> '"
                      + DELETED_STAGE
                      + "' AND name IN ")
              .paramList(chunk)
              .append(
                  " GROUP BY name, current_stage) l ON mv.name = l.name AND mv.version = l.latest"
                      + " ORDER BY mv.name, l.first_seen");
      for (VersionRow row : Queries.query(h, sql).map((rs, ctx) -> mapVersion(rs)).list()) {
        rows.computeIfAbsent(row.name(), n -> new ArrayList<>()).add(row);
      }
    }
    List<VersionRow> all = rows.values().stream().flatMap(List::stream).toList();
    Map<VersionKey, List<ModelVersionTag>> tags = versionTags(h, all);
    Map<String, List<ModelVersion>> latest = new LinkedHashMap<>();
    for (Map.Entry<String, List<VersionRow>> entry : rows.entrySet()) {
      List<ModelVersion> versions = new ArrayList<>();
      for (VersionRow row : entry.getValue()) {
        // MLflow's registered-model entity carries latest versions without their aliases.
        versions.add(row.toVersion(tags.getOrDefault(row.key(), List.of()), List.of()));
      }
      latest.put(entry.getKey(), versions);
    }
    return latest;
  }

  // ---- model versions ----

  static Optional<VersionRow> findVersion(Handle h, String name, long version) {
    return h.createQuery(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM model_versions mv WHERE mv.name = ? AND mv.version = ?"
                + " AND mv.current_stage <> '"
                + DELETED_STAGE
                + "'")
        .bind(0, name)
        .bind(1, version)
        .map((rs, ctx) -> mapVersion(rs))
        .findOne();
  }

  static VersionRow requireVersion(Handle h, String name, long version) {
    return findVersion(h, name, version).orElseThrow(() -> versionNotFound(name, version));
  }

  static MledgerException versionNotFound(String name, long version) {
    return MledgerException.notFound(
        "Model Version (name=" + name + ", version=" + version + ") not found");
  }

  /** A version with its tags and the aliases pointing at it. */
  static ModelVersion withTagsAndAliases(Handle h, VersionRow row) {
    List<ModelVersionTag> tags = versionTags(h, List.of(row)).getOrDefault(row.key(), List.of());
    List<String> aliases =
        h.createQuery(
                "SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ?"
                    + " ORDER BY alias")
            .bind(0, row.name())
            .bind(1, row.version())
            .mapTo(String.class)
            .list();
    return row.toVersion(tags, aliases);
  }

  /** Versions with their tags (no aliases, as MLflow's search returns them), in the order given. */
  static List<ModelVersion> withTags(Handle h, List<VersionRow> rows) {
    Map<VersionKey, List<ModelVersionTag>> tags = versionTags(h, rows);
    List<ModelVersion> versions = new ArrayList<>(rows.size());
    for (VersionRow row : rows) {
      versions.add(row.toVersion(tags.getOrDefault(row.key(), List.of()), List.of()));
    }
    return versions;
  }

  private static Map<VersionKey, List<ModelVersionTag>> versionTags(
      Handle h, Collection<VersionRow> rows) {
    Map<VersionKey, List<ModelVersionTag>> tags = new LinkedHashMap<>();
    List<VersionKey> keys = rows.stream().map(VersionRow::key).distinct().toList();
    for (List<VersionKey> chunk : Ids.chunks(keys)) {
      SqlWriter sql =
          new SqlWriter().append("SELECT name, version, key, value FROM model_version_tags WHERE ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(" : " OR (")
            .append("name = ?", chunk.get(i).name())
            .append(" AND version = ?)", chunk.get(i).version());
      }
      sql.append(" ORDER BY name, version, key");
      Queries.query(h, sql)
          .map(
              (rs, ctx) -> {
                tags.computeIfAbsent(
                        new VersionKey(rs.getString("name"), rs.getLong("version")),
                        k -> new ArrayList<>())
                    .add(new ModelVersionTag(rs.getString("key"), rs.getString("value")));
                return null;
              })
          .list();
    }
    return tags;
  }

  static long nextVersion(Handle h, String name) {
    return h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE name = ?")
        .bind(0, name)
        .mapTo(Long.class)
        .one();
  }

  static void updateStage(Handle h, String name, long version, String stage, long now) {
    h.createUpdate(
            "UPDATE model_versions SET current_stage = ?, last_updated_time = ?"
                + " WHERE name = ? AND version = ?")
        .bind(0, stage)
        .bind(1, now)
        .bind(2, name)
        .bind(3, version)
        .execute();
  }

  // ---- tags ----

  static void upsertModelTag(Handle h, String name, RegisteredModelTag tag) {
    h.createUpdate(
            "INSERT INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (name, key) DO UPDATE SET value = excluded.value")
        .bind(0, name)
        .bind(1, tag.key())
        .bindByType(2, tag.value(), String.class)
        .execute();
  }

  static void upsertVersionTag(Handle h, String name, long version, ModelVersionTag tag) {
    h.createUpdate(
            "INSERT INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value")
        .bind(0, name)
        .bind(1, version)
        .bind(2, tag.key())
        .bindByType(3, tag.value(), String.class)
        .execute();
  }

  // ---- aliases ----

  static Optional<Long> aliasTarget(Handle h, String name, String alias) {
    return h.createQuery(
            "SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?")
        .bind(0, name)
        .bind(1, alias)
        .mapTo(Long.class)
        .findOne();
  }

  /** Aliases of one model as (alias, version) pairs, ordered by alias. */
  static List<RegisteredModelAlias> aliasesOf(Handle h, String name) {
    return aliases(h, List.of(name)).getOrDefault(name, List.of());
  }
}
