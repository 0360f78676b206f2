package dev.mledger.store.jdbc;

import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.DecisionApproval;
import dev.mledger.core.gate.DecisionDocuments;
import dev.mledger.core.gate.GateDecision;
import dev.mledger.core.gate.PromotionOverride;
import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.store.gate.DecisionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * {@link DecisionStore} on the gate_decisions, gate_decision_approvals, model_promotions tables.
 */
final class JdbcDecisionStore implements DecisionStore {
  private static final String DECISION_COLUMNS = "decision_id, digest, document, recorded_at";

  private final Database db;
  private final Clock clock;
  private final RandomGenerator random;

  JdbcDecisionStore(Database db, Clock clock, RandomGenerator random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  /** The stored columns of one decision, before its document is read back. */
  private record Row(String id, String digest, String document, long recordedAt) {}

  @Override
  public RecordedDecision record(GateDecision decision) {
    requireNonNull("decision", decision);
    String document = DecisionDocuments.canonicalJson(decision);
    String digest = DecisionDocuments.digest(decision);
    String id = newId();
    long now = clock.millis();
    db.write(
        h -> {
          h.createUpdate(
                  "INSERT INTO gate_decisions (decision_id, model_name, candidate_version,"
                      + " champion_version, gate_name, passed, digest, document, recorded_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .bind(0, id)
              .bind(1, decision.modelName())
              .bind(2, decision.candidateVersion())
              .bind(3, decision.championVersion())
              .bind(4, decision.gate().name())
              .bind(5, decision.passed() ? 1 : 0)
              .bind(6, digest)
              .bind(7, document)
              .bind(8, now)
              .execute();
          audit(
              h,
              ChangeContext.UNKNOWN_ACTOR,
              "gate.decision.record",
              id,
              AuditDetails.of(
                  "gate", decision.gate().name(),
                  "model", decision.modelName(),
                  "candidate_version", decision.candidateVersion(),
                  "champion_version", decision.championVersion(),
                  "passed", decision.passed(),
                  "digest", digest));
          return null;
        });
    return new RecordedDecision(id, digest, decision, Instant.ofEpochMilli(now), List.of());
  }

  @Override
  public RecordedDecision get(String id) {
    requireText("decision id", id);
    return db.read(h -> find(h, id).orElseThrow(() -> notFound(id)));
  }

  @Override
  public List<RecordedDecision> list(String modelName, String version) {
    requireText("model name", modelName);
    return db.read(
        h -> {
          List<Row> rows =
              version == null
                  ? h.createQuery(
                          "SELECT "
                              + DECISION_COLUMNS
                              + " FROM gate_decisions WHERE model_name = ?"
                              + " ORDER BY recorded_at DESC, decision_id DESC")
                      .bind(0, modelName)
                      .map((rs, ctx) -> row(rs))
                      .list()
                  : h.createQuery(
                          "SELECT "
                              + DECISION_COLUMNS
                              + " FROM gate_decisions WHERE model_name = ? AND candidate_version = ?"
                              + " ORDER BY recorded_at DESC, decision_id DESC")
                      .bind(0, modelName)
                      .bind(1, version)
                      .map((rs, ctx) -> row(rs))
                      .list();
          Map<String, List<DecisionApproval>> approvals =
              approvals(h, rows.stream().map(Row::id).toList());
          List<RecordedDecision> decisions = new ArrayList<>();
          for (Row row : rows) {
            decisions.add(toDecision(row, approvals.getOrDefault(row.id(), List.of())));
          }
          return decisions;
        });
  }

  @Override
  public RecordedDecision approve(String id, String approver, String comment) {
    requireText("decision id", id);
    requireText("approver", approver);
    long now = clock.millis();
    return db.write(
        h -> {
          RecordedDecision decision = find(h, id).orElseThrow(() -> notFound(id));
          if (!decision.decision().passed()) {
            throw MledgerException.invalidState(
                "Decision "
                    + id
                    + " did not pass (failed: "
                    + decision.decision().failures().stream()
                        .map(o -> o.rule())
                        .collect(Collectors.joining(", "))
                    + "); a failed decision cannot be approved. Promote with an explicit override"
                    + " instead, or evaluate a new candidate.");
          }
          for (DecisionApproval existing : decision.approvals()) {
            if (existing.approver().equals(approver)) {
              throw MledgerException.alreadyExists(
                  "Decision " + id + " was already approved by '" + approver + "'.");
            }
          }
          h.createUpdate(
                  "INSERT INTO gate_decision_approvals (decision_id, approver, comment,"
                      + " approved_at) VALUES (?, ?, ?, ?)")
              .bind(0, id)
              .bind(1, approver)
              .bind(2, comment == null ? "" : comment)
              .bind(3, now)
              .execute();
          audit(
              h,
              approver,
              "gate.decision.approve",
              id,
              AuditDetails.of("comment", comment == null ? "" : comment));
          return find(h, id).orElseThrow(() -> notFound(id));
        });
  }

  @Override
  public PromotionRecord recordPromotion(
      String modelName,
      String version,
      PromotionTarget target,
      String decisionId,
      PromotionOverride override,
      String actor) {
    requireText("model name", modelName);
    requireText("version", version);
    requireNonNull("target", target);
    requireText("actor", actor);
    if (decisionId == null && override == null) {
      throw MledgerException.invalidParameter(
          "A promotion must rest on a decision or on an explicit override.");
    }
    long now = clock.millis();
    long id =
        db.write(
            h -> {
              if (decisionId != null && find(h, decisionId).isEmpty()) {
                throw notFound(decisionId);
              }
              long promotion =
                  h.createUpdate(
                          "INSERT INTO model_promotions (model_name, version, target_kind,"
                              + " target_name, decision_id, override_reason, override_actor, actor,"
                              + " promoted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      .bind(0, modelName)
                      .bind(1, version)
                      .bind(2, target.kind())
                      .bind(3, target.name())
                      .bind(4, decisionId)
                      .bind(5, override == null ? null : override.reason())
                      .bind(6, override == null ? null : override.actor())
                      .bind(7, actor)
                      .bind(8, now)
                      .executeAndReturnGeneratedKeys("promotion_id")
                      .mapTo(Long.class)
                      .one();
              audit(
                  h,
                  actor,
                  "gate.promotion.record",
                  modelName + "/" + version,
                  AuditDetails.of(
                      "promotion_id",
                      promotion,
                      "target",
                      target.kind() + ":" + target.name(),
                      "decision_id",
                      decisionId,
                      "override_reason",
                      override == null ? null : override.reason()));
              return promotion;
            });
    return new PromotionRecord(
        id, modelName, version, target, decisionId, override, actor, Instant.ofEpochMilli(now));
  }

  @Override
  public List<PromotionRecord> promotions(String modelName) {
    requireText("model name", modelName);
    return db.read(
        h ->
            h.createQuery(
                    "SELECT promotion_id, model_name, version, target_kind, target_name,"
                        + " decision_id, override_reason, override_actor, actor, promoted_at"
                        + " FROM model_promotions WHERE model_name = ? ORDER BY promotion_id")
                .bind(0, modelName)
                .map((rs, ctx) -> promotion(rs))
                .list());
  }

  private Optional<RecordedDecision> find(Handle h, String id) {
    Optional<Row> row =
        h.createQuery("SELECT " + DECISION_COLUMNS + " FROM gate_decisions WHERE decision_id = ?")
            .bind(0, id)
            .map((rs, ctx) -> row(rs))
            .findOne();
    return row.map(
        r -> toDecision(r, approvals(h, List.of(r.id())).getOrDefault(r.id(), List.of())));
  }

  private static Map<String, List<DecisionApproval>> approvals(Handle h, List<String> ids) {
    Map<String, List<DecisionApproval>> byDecision = new LinkedHashMap<>();
    for (List<String> chunk : Ids.chunks(ids)) {
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      var query =
          h.createQuery(
              "SELECT decision_id, approver, comment, approved_at FROM gate_decision_approvals"
                  + " WHERE decision_id IN ("
                  + marks
                  + ") ORDER BY approved_at, approver");
      for (int i = 0; i < chunk.size(); i++) {
        query.bind(i, chunk.get(i));
      }
      query
          .map(
              (rs, ctx) ->
                  Map.entry(
                      rs.getString("decision_id"),
                      new DecisionApproval(
                          rs.getString("approver"),
                          Instant.ofEpochMilli(rs.getLong("approved_at")),
                          rs.getString("comment"))))
          .forEach(
              e ->
                  byDecision.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
    return byDecision;
  }

  /** Reads a stored document back and checks it against its digest. */
  private static RecordedDecision toDecision(Row row, List<DecisionApproval> approvals) {
    GateDecision decision;
    try {
      decision = DecisionDocuments.fromTree(CanonicalJson.parse(row.document()));
    } catch (RuntimeException e) {
      throw corrupted(row.id(), "its document cannot be read (" + e.getMessage() + ")", e);
    }
    String digest = DecisionDocuments.digest(decision);
    if (!digest.equals(row.digest())) {
      throw corrupted(row.id(), "its document no longer matches its digest " + row.digest(), null);
    }
    return new RecordedDecision(
        row.id(), row.digest(), decision, Instant.ofEpochMilli(row.recordedAt()), approvals);
  }

  private static MledgerException corrupted(String id, String why, Throwable cause) {
    return new MledgerException(
        ErrorCode.INTERNAL_ERROR,
        "Stored gate decision " + id + " is corrupted: " + why + ".",
        cause);
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("decision_id"),
        rs.getString("digest"),
        rs.getString("document"),
        rs.getLong("recorded_at"));
  }

  private static PromotionRecord promotion(ResultSet rs) throws SQLException {
    String overrideReason = rs.getString("override_reason");
    return new PromotionRecord(
        rs.getLong("promotion_id"),
        rs.getString("model_name"),
        rs.getString("version"),
        PromotionTarget.of(rs.getString("target_kind"), rs.getString("target_name")),
        rs.getString("decision_id"),
        overrideReason == null
            ? null
            : new PromotionOverride(overrideReason, rs.getString("override_actor")),
        rs.getString("actor"),
        Instant.ofEpochMilli(rs.getLong("promoted_at")));
  }

  private String newId() {
    byte[] bytes = new byte[16];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return HexFormat.of().formatHex(bytes);
  }

  private static MledgerException notFound(String id) {
    return MledgerException.notFound("Gate decision '" + id + "' does not exist.");
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw MledgerException.invalidParameter(field + " must be a non-empty string.");
    }
  }

  private static void requireNonNull(String field, Object value) {
    if (value == null) {
      throw MledgerException.invalidParameter(field + " must be provided.");
    }
  }

  /** Records the change in the audit trail through {@code h}, in the change's transaction. */
  private void audit(
      Handle h, String actor, String action, String subjectId, Map<String, Object> details) {
    String subjectType = action.startsWith("gate.promotion") ? "model_version" : "gate_decision";
    db.audit().record(h, () -> new AuditEvent(actor, action, subjectType, subjectId, details));
  }
}
