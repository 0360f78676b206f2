package dev.mledger.store.jdbc;

import dev.mledger.core.tracking.Experiment;
import dev.mledger.core.tracking.ExperimentTag;
import dev.mledger.core.tracking.LifecycleStage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for the experiments and experiment_tags tables. */
final class ExperimentDao {
  static final String COLUMNS =
      "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time,"
          + " e.last_update_time";

  private ExperimentDao() {}

  /** An experiment row without its tags. */
  record Row(
      long id,
      String name,
      String artifactLocation,
      LifecycleStage lifecycleStage,
      long creationTime,
      long lastUpdateTime) {

    Experiment withTags(List<ExperimentTag> tags) {
      return new Experiment(
          Long.toString(id),
          name,
          artifactLocation,
          lifecycleStage,
          creationTime,
          lastUpdateTime,
          tags);
    }
  }

  static Row map(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong("experiment_id"),
        rs.getString("name"),
        rs.getString("artifact_location"),
        LifecycleStage.fromWire(rs.getString("lifecycle_stage")),
        rs.getLong("creation_time"),
        rs.getLong("last_update_time"));
  }

  static Optional<Row> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM experiments e WHERE e.experiment_id = ?")
        .bind(0, id)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  static Optional<Row> findByName(Handle h, String name) {
    return h.createQuery("SELECT " + COLUMNS + " FROM experiments e WHERE e.name = ?")
        .bind(0, name)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /** Inserts an experiment and returns its generated id. */
  static long insert(Handle h, String name, String artifactLocation, long now) {
    return h.createQuery(
            "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time,"
                + " last_update_time) VALUES (?, ?, 'active', ?, ?) RETURNING experiment_id")
        .bind(0, name)
        .bindByType(1, artifactLocation, String.class)
        .bind(2, now)
        .bind(3, now)
        .mapTo(Long.class)
        .one();
  }

  /** Inserts an experiment with a fixed id unless that id is taken; true if inserted. */
  static boolean insertWithId(Handle h, long id, String name, String artifactLocation, long now) {
    return h.createUpdate(
                "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage,"
                    + " creation_time, last_update_time) VALUES (?, ?, ?, 'active', ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .bind(0, id)
            .bind(1, name)
            .bind(2, artifactLocation)
            .bind(3, now)
            .bind(4, now)
            .execute()
        == 1;
  }

  static void setArtifactLocation(Handle h, long id, String artifactLocation) {
    h.createUpdate("UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?")
        .bind(0, artifactLocation)
        .bind(1, id)
        .execute();
  }

  static void rename(Handle h, long id, String name, long now) {
    h.createUpdate("UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?")
        .bind(0, name)
        .bind(1, now)
        .bind(2, id)
        .execute();
  }

  static void setLifecycle(Handle h, long id, LifecycleStage stage, long now) {
    h.createUpdate(
            "UPDATE experiments SET lifecycle_stage = ?, last_update_time = ?"
                + " WHERE experiment_id = ?")
        .bind(0, stage.wireName())
        .bind(1, now)
        .bind(2, id)
        .execute();
  }

  static void upsertTags(Handle h, long id, Collection<ExperimentTag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value");
    for (ExperimentTag tag : lastValuePerKey(tags)) {
      batch.bind(0, id).bind(1, tag.key()).bindByType(2, tag.value(), String.class).add();
    }
    batch.execute();
  }

  static List<ExperimentTag> tags(Handle h, long id) {
    return tags(h, List.of(id)).getOrDefault(id, List.of());
  }

  /** Tags of several experiments, each list ordered by key. */
  static Map<Long, List<ExperimentTag>> tags(Handle h, Collection<Long> ids) {
    Map<Long, List<ExperimentTag>> result = new LinkedHashMap<>();
    for (List<Long> chunk : Ids.chunks(ids)) {
      SqlWriter sql =
          new SqlWriter()
              .append(
                  "SELECT experiment_id, key, value FROM experiment_tags WHERE experiment_id IN ")
              .paramList(chunk)
              .append(" ORDER BY experiment_id, key");
      Queries.query(h, sql)
          .map(
              (rs, ctx) ->
                  Map.entry(rs.getLong(1), new ExperimentTag(rs.getString(2), rs.getString(3))))
          .forEach(
              e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
    return result;
  }

  private static List<ExperimentTag> lastValuePerKey(Collection<ExperimentTag> tags) {
    Map<String, ExperimentTag> byKey = new LinkedHashMap<>();
    for (ExperimentTag tag : tags) {
      byKey.remove(tag.key());
      byKey.put(tag.key(), tag);
    }
    return List.copyOf(byKey.values());
  }
}
