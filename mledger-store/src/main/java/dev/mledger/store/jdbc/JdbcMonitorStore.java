package dev.mledger.store.jdbc;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.monitor.AlertKey;
import dev.mledger.core.monitor.AlertState;
import dev.mledger.core.monitor.AlertTransition;
import dev.mledger.core.monitor.Severity;
import dev.mledger.core.monitor.Statistic;
import dev.mledger.store.monitor.Delivery;
import dev.mledger.store.monitor.MonitorStore;
import dev.mledger.store.monitor.NewEvent;
import dev.mledger.store.monitor.NewMonitor;
import dev.mledger.store.monitor.PendingDelivery;
import dev.mledger.store.monitor.RetrainStep;
import dev.mledger.store.monitor.StoredAlert;
import dev.mledger.store.monitor.StoredEvent;
import dev.mledger.store.monitor.StoredMonitor;
import dev.mledger.store.monitor.StoredReport;
import dev.mledger.store.monitor.WindowOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link MonitorStore} on the {@code monitor*} tables (V60). */
final class JdbcMonitorStore implements MonitorStore {
  private static final String MONITOR_COLUMNS =
      "monitor_id, name, definition, alert_policy, reference_profile, webhook_url,"
          + " webhook_secret, retrain_policy, event_seq, reported_seq, created_time";
  private static final String ALERT_COLUMNS =
      "alert_id, monitor_id, report_id, feature, statistic, kind, severity, value, threshold,"
          + " message, created_time, acknowledged_by, acknowledged_time, ack_comment";
  private static final String REPORT_COLUMNS =
      "report_id, monitor_id, window_start, window_end, row_count, last_seq, document,"
          + " created_time";

  private final Database db;
  private final Clock clock;

  JdbcMonitorStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public StoredMonitor create(NewMonitor m) {
    String id = newId();
    return db.write(
        h -> {
          boolean taken =
              h.createQuery("SELECT COUNT(*) FROM monitors WHERE name = ?")
                      .bind(0, m.name())
                      .mapTo(Long.class)
                      .one()
                  > 0;
          if (taken) {
            throw MledgerException.alreadyExists(
                "A monitor named '" + m.name() + "' already exists.");
          }
          h.createUpdate(
                  "INSERT INTO monitors (monitor_id, name, definition, alert_policy,"
                      + " reference_profile, webhook_url, webhook_secret, created_time)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
              .bind(0, id)
              .bind(1, m.name())
              .bind(2, m.definitionJson())
              .bind(3, m.alertPolicyJson())
              .bind(4, m.referenceProfile())
              .bind(5, m.webhookUrl())
              .bind(6, m.webhookSecret())
              .bind(7, clock.millis())
              .execute();
          return find(h, id);
        });
  }

  @Override
  public StoredMonitor get(String monitorId) {
    return db.read(h -> find(h, monitorId));
  }

  @Override
  public List<StoredMonitor> list() {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + MONITOR_COLUMNS
                        + " FROM monitors ORDER BY created_time, monitor_id")
                .map((rs, ctx) -> monitor(rs))
                .list());
  }

  @Override
  public StoredMonitor setReference(
      String monitorId, String definitionJson, byte[] referenceProfile) {
    return db.write(
        h -> {
          find(h, monitorId);
          h.createUpdate(
                  "UPDATE monitors SET definition = ?, reference_profile = ? WHERE monitor_id = ?")
              .bind(0, definitionJson)
              .bind(1, referenceProfile)
              .bind(2, monitorId)
              .execute();
          return find(h, monitorId);
        });
  }

  @Override
  public StoredMonitor setRetrainPolicy(String monitorId, String retrainPolicyJson) {
    return db.write(
        h -> {
          find(h, monitorId);
          h.createUpdate("UPDATE monitors SET retrain_policy = ? WHERE monitor_id = ?")
              .bind(0, retrainPolicyJson)
              .bind(1, monitorId)
              .execute();
          return find(h, monitorId);
        });
  }

  @Override
  public long append(String monitorId, List<NewEvent> events) {
    return db.write(
        h -> {
          // The row lock of this UPDATE orders concurrent batches of one monitor on PostgreSQL.
          long last =
              h.createQuery(
                      "UPDATE monitors SET event_seq = event_seq + ? WHERE monitor_id = ?"
                          + " RETURNING event_seq")
                  .bind(0, (long) events.size())
                  .bind(1, monitorId)
                  .mapTo(Long.class)
                  .findOne()
                  .orElseThrow(() -> noSuchMonitor(monitorId));
          long seq = last - events.size();
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO monitor_events (monitor_id, seq, event_time, payload)"
                      + " VALUES (?, ?, ?, ?)");
          for (NewEvent e : events) {
            batch.bind(0, monitorId).bind(1, ++seq).bind(2, e.eventTime()).bind(3, e.payloadJson());
            batch.add();
          }
          if (!events.isEmpty()) {
            batch.execute();
          }
          return last;
        });
  }

  @Override
  public List<StoredEvent> events(String monitorId, long afterSeq, int limit) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT seq, event_time, payload FROM monitor_events"
                        + " WHERE monitor_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .bind(0, monitorId)
                .bind(1, afterSeq)
                .bind(2, limit)
                .map(
                    (rs, ctx) ->
                        new StoredEvent(
                            rs.getLong("seq"), rs.getLong("event_time"), rs.getString("payload")))
                .list());
  }

  @Override
  public Map<AlertKey, AlertState> alertStates(String monitorId) {
    return db.read(
        h -> {
          Map<AlertKey, AlertState> states = new LinkedHashMap<>();
          h.createQuery(
                  "SELECT feature, statistic, firing, severity, last_value, opened_at,"
                      + " resolved_at, occurrences FROM monitor_alert_states WHERE monitor_id = ?"
                      + " ORDER BY feature, statistic")
              .bind(0, monitorId)
              .map(
                  (rs, ctx) ->
                      new AlertState(
                          new AlertKey(
                              rs.getString("feature"), statistic(rs.getString("statistic"))),
                          rs.getInt("firing") == 1,
                          Severity.fromName(rs.getString("severity")),
                          rs.getDouble("last_value"),
                          rs.getLong("opened_at"),
                          rs.getLong("resolved_at"),
                          rs.getInt("occurrences")))
              .forEach(s -> states.put(s.key(), s));
          return states;
        });
  }

  @Override
  public StoredReport recordWindow(String monitorId, WindowOutcome o) {
    String reportId = newId();
    long now = clock.millis();
    return db.write(
        h -> {
          int advanced =
              h.createUpdate(
                      "UPDATE monitors SET reported_seq = ? WHERE monitor_id = ?"
                          + " AND reported_seq < ? AND event_seq >= ?")
                  .bind(0, o.lastSeq())
                  .bind(1, monitorId)
                  .bind(2, o.lastSeq())
                  .bind(3, o.lastSeq())
                  .execute();
          if (advanced == 0) {
            StoredMonitor m = find(h, monitorId);
            throw new MledgerException(
                ErrorCode.RESOURCE_CONFLICT,
                "Events up to "
                    + o.lastSeq()
                    + " cannot be reported: monitor "
                    + monitorId
                    + " has reported through "
                    + m.reportedThrough()
                    + " of "
                    + m.eventCount()
                    + " events.");
          }
          h.createUpdate(
                  "INSERT INTO monitor_reports ("
                      + REPORT_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
              .bind(0, reportId)
              .bind(1, monitorId)
              .bind(2, o.windowStart())
              .bind(3, o.windowEnd())
              .bind(4, o.rows())
              .bind(5, o.lastSeq())
              .bind(6, o.reportJson())
              .bind(7, now)
              .execute();
          int position = 0;
          for (AlertTransition t : o.transitions()) {
            // Ids sort by position so a report's alerts list in transition order.
            String alertId =
                reportId.substring(0, 24) + String.format(Locale.ROOT, "%08x", position++);
            h.createUpdate(
                    "INSERT INTO monitor_alerts (alert_id, monitor_id, report_id, feature,"
                        + " statistic, kind, severity, value, threshold, message, created_time)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, alertId)
                .bind(1, monitorId)
                .bind(2, reportId)
                .bind(3, t.key().feature())
                .bind(4, t.key().statistic().jsonName())
                .bind(5, t.kind().jsonName())
                .bind(6, t.severity().jsonName())
                .bind(7, finite(t.value()))
                .bind(8, t.threshold())
                .bind(9, t.message())
                .bind(10, now)
                .execute();
          }
          for (AlertState s : o.states()) {
            h.createUpdate(
                    "DELETE FROM monitor_alert_states WHERE monitor_id = ? AND feature = ?"
                        + " AND statistic = ?")
                .bind(0, monitorId)
                .bind(1, s.key().feature())
                .bind(2, s.key().statistic().jsonName())
                .execute();
            h.createUpdate(
                    "INSERT INTO monitor_alert_states (monitor_id, feature, statistic, firing,"
                        + " severity, last_value, opened_at, resolved_at, occurrences)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, monitorId)
                .bind(1, s.key().feature())
                .bind(2, s.key().statistic().jsonName())
                .bind(3, s.firing() ? 1 : 0)
                .bind(4, s.severity().jsonName())
                .bind(5, finite(s.value()))
                .bind(6, s.openedAt())
                .bind(7, s.resolvedAt())
                .bind(8, s.occurrences())
                .execute();
          }
          return findReport(h, monitorId, reportId);
        });
  }

  /** Statistics are finite by construction except p-values of degenerate samples (NaN). */
  private static double finite(double value) {
    return Double.isFinite(value) ? value : (Double.isNaN(value) ? 1.0 : Double.MAX_VALUE);
  }

  @Override
  public List<StoredReport> reports(String monitorId, int limit) {
    return db.read(
        h -> {
          find(h, monitorId);
          return h.createQuery(
                  "SELECT "
                      + REPORT_COLUMNS
                      + " FROM monitor_reports WHERE monitor_id = ?"
                      + " ORDER BY last_seq DESC LIMIT ?")
              .bind(0, monitorId)
              .bind(1, limit)
              .map((rs, ctx) -> report(rs))
              .list();
        });
  }

  @Override
  public StoredReport report(String monitorId, String reportId) {
    return db.read(h -> findReport(h, monitorId, reportId));
  }

  @Override
  public List<StoredAlert> alerts(String monitorId, boolean unacknowledgedOnly, int limit) {
    return db.read(
        h -> {
          find(h, monitorId);
          return h.createQuery(
                  "SELECT "
                      + ALERT_COLUMNS
                      + " FROM monitor_alerts WHERE monitor_id = ?"
                      + (unacknowledgedOnly ? " AND acknowledged_by IS NULL" : "")
                      + " ORDER BY created_time DESC, alert_id DESC LIMIT ?")
              .bind(0, monitorId)
              .bind(1, limit)
              .map((rs, ctx) -> alert(rs))
              .list();
        });
  }

  @Override
  public StoredAlert alert(String monitorId, String alertId) {
    return db.read(h -> findAlert(h, monitorId, alertId));
  }

  @Override
  public List<StoredAlert> alertsOfReport(String reportId) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + ALERT_COLUMNS
                        + " FROM monitor_alerts WHERE report_id = ?"
                        + " ORDER BY alert_id")
                .bind(0, reportId)
                .map((rs, ctx) -> alert(rs))
                .list());
  }

  @Override
  public StoredAlert acknowledge(String monitorId, String alertId, String actor, String comment) {
    return db.write(
        h -> {
          findAlert(h, monitorId, alertId);
          h.createUpdate(
                  "UPDATE monitor_alerts SET acknowledged_by = ?, acknowledged_time = ?,"
                      + " ack_comment = ? WHERE alert_id = ? AND acknowledged_by IS NULL")
              .bind(0, actor)
              .bind(1, clock.millis())
              .bind(2, comment == null ? "" : comment)
              .bind(3, alertId)
              .execute();
          return findAlert(h, monitorId, alertId);
        });
  }

  @Override
  public Delivery recordDelivery(
      String monitorId,
      String alertId,
      int attempt,
      Integer statusCode,
      String error,
      boolean succeeded) {
    String id = newId();
    long now = clock.millis();
    return db.write(
        h -> {
          findAlert(h, monitorId, alertId);
          h.createUpdate(
                  "INSERT INTO monitor_deliveries (delivery_id, monitor_id, alert_id, attempt,"
                      + " status_code, error, succeeded, created_time)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
              .bind(0, id)
              .bind(1, monitorId)
              .bind(2, alertId)
              .bind(3, attempt)
              .bind(4, statusCode)
              .bind(5, error)
              .bind(6, succeeded ? 1 : 0)
              .bind(7, now)
              .execute();
          return new Delivery(id, alertId, attempt, statusCode, error, succeeded, now);
        });
  }

  @Override
  public List<Delivery> deliveries(String alertId) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT delivery_id, alert_id, attempt, status_code, error, succeeded,"
                        + " created_time FROM monitor_deliveries WHERE alert_id = ?"
                        + " ORDER BY attempt, created_time")
                .bind(0, alertId)
                .map(
                    (rs, ctx) -> {
                      int status = rs.getInt("status_code");
                      Integer code = rs.wasNull() ? null : status;
                      return new Delivery(
                          rs.getString("delivery_id"),
                          rs.getString("alert_id"),
                          rs.getInt("attempt"),
                          code,
                          rs.getString("error"),
                          rs.getInt("succeeded") == 1,
                          rs.getLong("created_time"));
                    })
                .list());
  }

  @Override
  public List<PendingDelivery> pendingDeliveries(int maxAttempts) {
    return db.read(
        h ->
            h
                .createQuery(
                    "SELECT "
                        + prefixed("a.", ALERT_COLUMNS)
                        + ", m.name AS monitor_name, m.webhook_url, m.webhook_secret,"
                        + " (SELECT COALESCE(MAX(d.attempt), 0) FROM monitor_deliveries d"
                        + " WHERE d.alert_id = a.alert_id) AS attempts_made"
                        + " FROM monitor_alerts a JOIN monitors m ON m.monitor_id = a.monitor_id"
                        + " WHERE m.webhook_url IS NOT NULL"
                        + " AND a.kind IN ('opened', 'escalated', 'resolved')"
                        + " AND NOT EXISTS (SELECT 1 FROM monitor_deliveries d"
                        + " WHERE d.alert_id = a.alert_id AND d.succeeded = 1)"
                        + " ORDER BY a.created_time, a.alert_id")
                .map(
                    (rs, ctx) ->
                        new PendingDelivery(
                            alert(rs),
                            rs.getInt("attempts_made"),
                            rs.getString("monitor_name"),
                            rs.getString("webhook_url"),
                            rs.getString("webhook_secret")))
                .stream()
                .filter(p -> p.attemptsMade() < maxAttempts)
                .toList());
  }

  private static String prefixed(String prefix, String columns) {
    StringBuilder out = new StringBuilder();
    for (String c : columns.split(",")) {
      out.append(out.length() == 0 ? "" : ", ").append(prefix).append(c.strip());
    }
    return out.toString();
  }

  @Override
  public RetrainStep recordStep(
      String monitorId, String attemptId, String step, String detailJson) {
    String id = newId();
    long now = clock.millis();
    return db.write(
        h -> {
          find(h, monitorId);
          int ordinal =
              h.createQuery(
                          "SELECT COALESCE(MAX(ordinal), 0) FROM monitor_retrain_steps"
                              + " WHERE attempt_id = ?")
                      .bind(0, attemptId)
                      .mapTo(Integer.class)
                      .one()
                  + 1;
          h.createUpdate(
                  "INSERT INTO monitor_retrain_steps (step_id, monitor_id, attempt_id, ordinal,"
                      + " step, detail, created_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
              .bind(0, id)
              .bind(1, monitorId)
              .bind(2, attemptId)
              .bind(3, ordinal)
              .bind(4, step)
              .bind(5, detailJson)
              .bind(6, now)
              .execute();
          return new RetrainStep(id, monitorId, attemptId, ordinal, step, detailJson, now);
        });
  }

  @Override
  public List<RetrainStep> steps(String monitorId) {
    return db.read(
        h -> {
          find(h, monitorId);
          return h.createQuery(
                  "SELECT step_id, monitor_id, attempt_id, ordinal, step, detail, created_time"
                      + " FROM monitor_retrain_steps WHERE monitor_id = ?"
                      + " ORDER BY created_time, attempt_id, ordinal")
              .bind(0, monitorId)
              .map((rs, ctx) -> step(rs))
              .list();
        });
  }

  @Override
  public List<RetrainStep> attempt(String attemptId) {
    List<RetrainStep> steps =
        db.read(
            h ->
                h.createQuery(
                        "SELECT step_id, monitor_id, attempt_id, ordinal, step, detail,"
                            + " created_time FROM monitor_retrain_steps WHERE attempt_id = ?"
                            + " ORDER BY ordinal")
                    .bind(0, attemptId)
                    .map((rs, ctx) -> step(rs))
                    .list());
    if (steps.isEmpty()) {
      throw new MledgerException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST,
          "Retraining attempt '" + attemptId + "' does not exist.");
    }
    return steps;
  }

  private static RetrainStep step(ResultSet rs) throws SQLException {
    return new RetrainStep(
        rs.getString("step_id"),
        rs.getString("monitor_id"),
        rs.getString("attempt_id"),
        rs.getInt("ordinal"),
        rs.getString("step"),
        rs.getString("detail"),
        rs.getLong("created_time"));
  }

  private static StoredMonitor find(Handle h, String monitorId) {
    return h.createQuery("SELECT " + MONITOR_COLUMNS + " FROM monitors WHERE monitor_id = ?")
        .bind(0, monitorId)
        .map((rs, ctx) -> monitor(rs))
        .findOne()
        .orElseThrow(() -> noSuchMonitor(monitorId));
  }

  private static StoredReport findReport(Handle h, String monitorId, String reportId) {
    return h.createQuery(
            "SELECT "
                + REPORT_COLUMNS
                + " FROM monitor_reports WHERE monitor_id = ?"
                + " AND report_id = ?")
        .bind(0, monitorId)
        .bind(1, reportId)
        .map((rs, ctx) -> report(rs))
        .findOne()
        .orElseThrow(
            () ->
                MledgerException.notFound(
                    "Report " + reportId + " of monitor " + monitorId + " not found"));
  }

  private static StoredAlert findAlert(Handle h, String monitorId, String alertId) {
    return h.createQuery(
            "SELECT "
                + ALERT_COLUMNS
                + " FROM monitor_alerts WHERE monitor_id = ? AND alert_id = ?")
        .bind(0, monitorId)
        .bind(1, alertId)
        .map((rs, ctx) -> alert(rs))
        .findOne()
        .orElseThrow(
            () ->
                MledgerException.notFound(
                    "Alert " + alertId + " of monitor " + monitorId + " not found"));
  }

  private static MledgerException noSuchMonitor(String monitorId) {
    return MledgerException.notFound("Monitor with id=" + monitorId + " not found");
  }

  private static Statistic statistic(String name) {
    return Statistic.fromName(name);
  }

  private static StoredMonitor monitor(ResultSet rs) throws SQLException {
    return new StoredMonitor(
        rs.getString("monitor_id"),
        rs.getString("name"),
        rs.getString("definition"),
        rs.getString("alert_policy"),
        rs.getBytes("reference_profile"),
        rs.getString("webhook_url"),
        rs.getString("webhook_secret"),
        rs.getString("retrain_policy"),
        rs.getLong("event_seq"),
        rs.getLong("reported_seq"),
        rs.getLong("created_time"));
  }

  private static StoredReport report(ResultSet rs) throws SQLException {
    return new StoredReport(
        rs.getString("report_id"),
        rs.getString("monitor_id"),
        rs.getLong("window_start"),
        rs.getLong("window_end"),
        rs.getLong("row_count"),
        rs.getLong("last_seq"),
        rs.getString("document"),
        rs.getLong("created_time"));
  }

  private static StoredAlert alert(ResultSet rs) throws SQLException {
    AlertTransition t =
        new AlertTransition(
            new AlertKey(rs.getString("feature"), statistic(rs.getString("statistic"))),
            AlertTransition.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
            Severity.fromName(rs.getString("severity")),
            rs.getDouble("value"),
            rs.getDouble("threshold"));
    long ackTime = rs.getLong("acknowledged_time");
    return new StoredAlert(
        rs.getString("alert_id"),
        rs.getString("monitor_id"),
        rs.getString("report_id"),
        t,
        rs.getString("message"),
        rs.getLong("created_time"),
        rs.getString("acknowledged_by"),
        rs.wasNull() ? 0 : ackTime,
        rs.getString("ack_comment"));
  }
}
