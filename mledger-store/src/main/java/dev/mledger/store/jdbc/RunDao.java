package dev.mledger.store.jdbc;

import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.RunInfo;
import dev.mledger.core.tracking.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the runs table. */
final class RunDao {
  static final String COLUMNS =
      "r.run_uuid, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time,"
          + " r.artifact_uri, r.lifecycle_stage";

  private RunDao() {}

  static RunInfo map(ResultSet rs) throws SQLException {
    long endTime = rs.getLong("end_time");
    Long end = rs.wasNull() ? null : endTime;
    return new RunInfo(
        rs.getString("run_uuid"),
        rs.getString("name"),
        Long.toString(rs.getLong("experiment_id")),
        rs.getString("user_id"),
        RunStatus.valueOf(rs.getString("status")),
        rs.getLong("start_time"),
        end,
        rs.getString("artifact_uri"),
        LifecycleStage.fromWire(rs.getString("lifecycle_stage")));
  }

  static Optional<RunInfo> find(Handle h, String runId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM runs r WHERE r.run_uuid = ?")
        .bind(0, runId)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /** The runs with the given ids, in the order of {@code runIds}; unknown ids are skipped. */
  static List<RunInfo> findAll(Handle h, List<String> runIds) {
    Map<String, RunInfo> byId = new HashMap<>();
    for (List<String> chunk : Ids.chunks(runIds)) {
      Queries.query(
              h,
              new SqlWriter()
                  .append("SELECT " + COLUMNS + " FROM runs r WHERE r.run_uuid IN ")
                  .paramList(chunk))
          .map((rs, ctx) -> map(rs))
          .forEach(run -> byId.put(run.runId(), run));
    }
    List<RunInfo> ordered = new ArrayList<>(runIds.size());
    for (String id : runIds) {
      RunInfo run = byId.get(id);
      if (run != null) {
        ordered.add(run);
      }
    }
    return ordered;
  }

  static void insert(Handle h, RunInfo run, long experimentKey) {
    h.createUpdate(
            "INSERT INTO runs (run_uuid, experiment_id, name, user_id, status, start_time,"
                + " end_time, artifact_uri, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(0, run.runId())
        .bind(1, experimentKey)
        .bindByType(2, run.runName(), String.class)
        .bindByType(3, run.userId(), String.class)
        .bind(4, run.status().name())
        .bind(5, run.startTime())
        .bindByType(6, run.endTime(), Long.class)
        .bindByType(7, run.artifactUri(), String.class)
        .bind(8, run.lifecycleStage().wireName())
        .execute();
  }

  static void update(Handle h, RunInfo run) {
    h.createUpdate("UPDATE runs SET name = ?, status = ?, end_time = ? WHERE run_uuid = ?")
        .bindByType(0, run.runName(), String.class)
        .bind(1, run.status().name())
        .bindByType(2, run.endTime(), Long.class)
        .bind(3, run.runId())
        .execute();
  }

  static void setName(Handle h, String runId, String name) {
    h.createUpdate("UPDATE runs SET name = ? WHERE run_uuid = ?")
        .bind(0, name)
        .bind(1, runId)
        .execute();
  }

  /** Soft-deletes ({@code deletedTime} set) or restores ({@code deletedTime} null) one run. */
  static void setLifecycle(Handle h, String runId, LifecycleStage stage, Long deletedTime) {
    h.createUpdate("UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_uuid = ?")
        .bind(0, stage.wireName())
        .bindByType(1, deletedTime, Long.class)
        .bind(2, runId)
        .execute();
  }

  /** Same as {@link #setLifecycle} for every run of an experiment. */
  static void setLifecycleOfExperimentRuns(
      Handle h, long experimentKey, LifecycleStage stage, Long deletedTime) {
    h.createUpdate("UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ?")
        .bind(0, stage.wireName())
        .bindByType(1, deletedTime, Long.class)
        .bind(2, experimentKey)
        .execute();
  }
}
