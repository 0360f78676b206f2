package dev.mledger.store.jdbc;

import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Appends to and reads the registry's append-only {@code registry_history} table. */
final class RegistryHistoryDao {
  private static final String INSERT =
      "INSERT INTO registry_history (model_name, version, change_kind, from_stage, to_stage,"
          + " alias, previous_version, new_version, actor, changed_at, reason, approver,"
          + " approval_reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private RegistryHistoryDao() {}

  static void recordStage(
      Handle h, String model, long version, Stage from, Stage to, ChangeContext context, long now) {
    insert(
        h, model, version, "stage", from.wireName(), to.wireName(), null, null, null, context, now);
  }

  /**
   * Records an alias change; {@code previous} is null for a new alias, {@code next} null for a
   * deleted one.
   */
  static void recordAlias(
      Handle h,
      String model,
      String alias,
      Long previous,
      Long next,
      ChangeContext context,
      long now) {
    long version = next != null ? next : previous;
    insert(h, model, version, "alias", null, null, alias, previous, next, context, now);
  }

  private static void insert(
      Handle h,
      String model,
      long version,
      String kind,
      String fromStage,
      String toStage,
      String alias,
      Long previous,
      Long next,
      ChangeContext context,
      long now) {
    Approval approval = context.approval();
    h.createUpdate(INSERT)
        .bind(0, model)
        .bind(1, version)
        .bind(2, kind)
        .bindByType(3, fromStage, String.class)
        .bindByType(4, toStage, String.class)
        .bindByType(5, alias, String.class)
        .bindByType(6, previous, Long.class)
        .bindByType(7, next, Long.class)
        .bind(8, context.actor())
        .bind(9, now)
        .bindByType(10, context.reason(), String.class)
        .bindByType(11, approval == null ? null : approval.approver(), String.class)
        .bindByType(12, approval == null ? null : approval.reference(), String.class)
        .execute();
  }

  /** Keeps a renamed model's history reachable under its new name. */
  static void rename(Handle h, String name, String newName) {
    h.createUpdate("UPDATE registry_history SET model_name = ? WHERE model_name = ?")
        .bind(0, newName)
        .bind(1, name)
        .execute();
  }

  static List<StageTransition> history(Handle h, String model) {
    return h.createQuery(
            "SELECT id, model_name, version, change_kind, from_stage, to_stage, alias,"
                + " previous_version, new_version, actor, changed_at, reason, approver,"
                + " approval_reference FROM registry_history WHERE model_name = ? ORDER BY id")
        .bind(0, model)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  private static StageTransition map(ResultSet rs) throws SQLException {
    RegistryChange change =
        switch (rs.getString("change_kind")) {
          case "stage" ->
              new RegistryChange.StageChange(
                  Stage.parse(rs.getString("from_stage")), Stage.parse(rs.getString("to_stage")));
          case "alias" ->
              new RegistryChange.AliasChange(
                  rs.getString("alias"),
                  versionOrNull(rs, "previous_version"),
                  versionOrNull(rs, "new_version"));
          default ->
              throw new IllegalStateException(
                  "Unknown registry change kind " + rs.getString("change_kind"));
        };
    String approver = rs.getString("approver");
    return new StageTransition(
        rs.getLong("id"),
        rs.getString("model_name"),
        Long.toString(rs.getLong("version")),
        change,
        rs.getString("actor"),
        rs.getLong("changed_at"),
        rs.getString("reason"),
        approver == null ? null : new Approval(approver, rs.getString("approval_reference")));
  }

  private static String versionOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Long.toString(value);
  }
}
