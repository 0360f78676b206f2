package dev.mledger.store.jdbc;

import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.audit.ChainVerification;
import dev.mledger.core.audit.ChainVerifier;
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
  /** Largest page {@link #list} returns. */
  static final int MAX_PAGE = 10_000;

  private static final String COLUMNS = AuditAppender.COLUMNS;
  private static final int VERIFY_FETCH_SIZE = 1_000;

  private final Database db;
  private final AuditAppender appender;

  JdbcAuditLog(Database db, Clock clock) {
    this.db = db;
    this.appender = new AuditAppender(db.dialect(), clock);
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    return db.write(h -> appender.append(h, event));
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
    return AuditAppender.head(h);
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
    return AuditAppender.entry(rs);
  }
}
