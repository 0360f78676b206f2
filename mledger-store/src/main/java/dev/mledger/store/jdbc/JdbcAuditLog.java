package dev.mledger.store.jdbc;

import dev.mledger.core.audit.AuditChain;
import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.audit.ChainVerification;
import dev.mledger.core.audit.ChainVerifier;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.audit.AuditFacets;
import dev.mledger.store.audit.AuditLog;
import dev.mledger.store.audit.AuditQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link AuditLog} on the {@code audit_log} table. An append reads the head and inserts its
 * successor in one write transaction; SQLite serializes write transactions (in-process lock and
 * IMMEDIATE transactions across processes), PostgreSQL takes a transaction-scoped advisory lock
 * first. The unique {@code previous_hash} makes a fork impossible even if a writer skipped the
 * lock.
 */
final class JdbcAuditLog implements AuditLog {
  /** Advisory lock key of audit appends on PostgreSQL ("mledgeraudit" folded into 63 bits). */
  static final long APPEND_LOCK_KEY = 0x6d6c65646761L;

  /** Largest page {@link #list} returns. */
  static final int MAX_PAGE = 10_000;

  private static final String COLUMNS =
      "sequence, recorded_at, actor, action, subject_type, subject_id, details, previous_hash,"
          + " hash";
  private static final int VERIFY_FETCH_SIZE = 1_000;

  private final Database db;
  private final Clock clock;

  JdbcAuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    return db.write(
        h -> {
          if (db.dialect() == Dialect.POSTGRESQL) {
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked")
                .bind(0, APPEND_LOCK_KEY)
                .mapTo(Integer.class)
                .one();
          }
          AuditEntry head = head(h).orElse(null);
          // Never before the head: the chain reads oldest first, and clocks can step back.
          long now = Math.max(clock.millis(), head == null ? 0 : head.timestamp());
          AuditEntry entry = AuditChain.next(head, event, now);
          h.createUpdate(
                  "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .bind(0, entry.sequence())
              .bind(1, entry.timestamp())
              .bind(2, entry.actor())
              .bind(3, entry.action())
              .bind(4, entry.subjectType())
              .bind(5, entry.subjectId())
              .bind(6, CanonicalJson.write(entry.details()))
              .bind(7, entry.previousHash())
              .bind(8, entry.hash())
              .execute();
          return entry;
        });
  }

  @Override
  public List<AuditEntry> list(long afterSequence, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw MledgerException.invalidParameter(
          "The audit page size must be between 1 and " + MAX_PAGE + ", got " + limit + ".");
    }
    if (afterSequence < 0) {
      throw MledgerException.invalidParameter(
          "'after' must be a sequence number (0 or more), got " + afterSequence + ".");
    }
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?")
                .bind(0, afterSequence)
                .bind(1, limit)
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  @Override
  public List<AuditEntry> list(AuditQuery query) {
    if (query.limit() > MAX_PAGE) {
      throw MledgerException.invalidParameter(
          "The audit page size must be between 1 and " + MAX_PAGE + ", got " + query.limit() + ".");
    }
    List<Object> args = new ArrayList<>();
    StringBuilder where = filters(query, args);
    if (query.cursor() > 0) {
      where.append(" AND sequence ").append(query.newestFirst() ? "<" : ">").append(" ?");
      args.add(query.cursor());
    }
    args.add(query.limit());
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM audit_log WHERE "
            + where
            + " ORDER BY sequence"
            + (query.newestFirst() ? " DESC" : "")
            + " LIMIT ?";
    return db.read(h -> bind(h.createQuery(sql), args).map((rs, ctx) -> entry(rs)).list());
  }

  @Override
  public long count(AuditQuery query) {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM audit_log WHERE " + filters(query, args);
    return db.read(h -> bind(h.createQuery(sql), args).mapTo(Long.class).one());
  }

  @Override
  public AuditFacets facets() {
    return db.read(
        h ->
            new AuditFacets(
                h.createQuery("SELECT DISTINCT subject_type FROM audit_log ORDER BY subject_type")
                    .mapTo(String.class)
                    .list(),
                h.createQuery("SELECT DISTINCT actor FROM audit_log ORDER BY actor")
                    .mapTo(String.class)
                    .list()));
  }

  private static StringBuilder filters(AuditQuery query, List<Object> args) {
    StringBuilder where = new StringBuilder("1 = 1");
    if (query.subjectType() != null) {
      where.append(" AND subject_type = ?");
      args.add(query.subjectType());
    }
    if (query.actor() != null) {
      where.append(" AND actor = ?");
      args.add(query.actor());
    }
    return where;
  }

  private static Query bind(Query query, List<Object> args) {
    for (int i = 0; i < args.size(); i++) {
      query.bind(i, args.get(i));
    }
    return query;
  }

  @Override
  public Optional<AuditEntry> head() {
    return db.read(JdbcAuditLog::head);
  }

  private static Optional<AuditEntry> head(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY sequence DESC LIMIT 1")
        .map((rs, ctx) -> entry(rs))
        .findOne();
  }

  @Override
  public ChainVerification verify(String expectedHead) {
    if (expectedHead != null && !expectedHead.matches("[0-9a-fA-F]{64}")) {
      throw MledgerException.invalidParameter(
          "The expected head must be a SHA-256 hash (64 hex digits), got '" + expectedHead + "'.");
    }
    return db.read(
        h -> {
          ChainVerifier verifier = new ChainVerifier(expectedHead);
          try (ResultIterator<AuditEntry> rows =
              h.createQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY sequence")
                  .setFetchSize(VERIFY_FETCH_SIZE)
                  .map((rs, ctx) -> entry(rs))
                  .iterator()) {
            Iterator<AuditEntry> it = rows;
            while (it.hasNext() && verifier.accept(it.next())) {
              // accept() does the work; it stops at the first broken link
            }
          }
          return verifier.result();
        });
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    long sequence = rs.getLong("sequence");
    return new AuditEntry(
        sequence,
        rs.getLong("recorded_at"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("subject_type"),
        rs.getString("subject_id"),
        details(sequence, rs.getString("details")),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(long sequence, String json) {
    try {
      if (CanonicalJson.parse(json) instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    // Unreadable details are tampering too; keep the entry verifiable (its hash will not match).
    return Map.of("_unreadable", json == null ? "" : json, "_sequence", sequence);
  }
}
