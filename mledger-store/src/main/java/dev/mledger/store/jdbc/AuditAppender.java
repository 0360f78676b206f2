package dev.mledger.store.jdbc;

import dev.mledger.core.audit.AuditChain;
import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.store.audit.AuditScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Appends audit entries through the handle of the caller's write transaction, so an entry commits
 * and rolls back with the mutation it records. Appends are serialized so the chain never forks:
 * SQLite write transactions are serialized already (in-process lock, IMMEDIATE across processes);
 * on PostgreSQL each append first takes a transaction-scoped advisory lock, held until the mutation
 * commits, and the unique {@code previous_hash} would reject a fork anyway.
 *
 * <p>{@link #record} implements {@link AuditScope}'s once-per-scope rule: it tracks, per thread,
 * the scope whose entry is in the transaction being committed ({@link Database} reports the end of
 * each write transaction) and the scope whose entry is committed.
 */
final class AuditAppender {
  /** Advisory lock key of audit appends on PostgreSQL ("mledgeraudit" folded into 63 bits). */
  static final long APPEND_LOCK_KEY = 0x6d6c65646761L;

  static final String COLUMNS =
      "sequence, recorded_at, actor, action, subject_type, subject_id, details, previous_hash,"
          + " hash";

  private final Dialect dialect;
  private final Clock clock;
  private final ThreadLocal<AuditScope> pending = new ThreadLocal<>();
  private final ThreadLocal<AuditScope> committed = new ThreadLocal<>();

  AuditAppender(Dialect dialect, Clock clock) {
    this.dialect = dialect;
    this.clock = clock;
  }

  /**
   * Records the mutation just made through {@code h}: the open scope's event if the scope has no
   * entry yet, nothing if it has, and {@code ownEvent} when no scope is open.
   */
  void record(Handle h, Supplier<AuditEvent> ownEvent) {
    AuditScope scope = AuditScope.current();
    if (scope == null) {
      append(h, ownEvent.get());
      return;
    }
    if (committed.get() == scope || pending.get() == scope) {
      return;
    }
    append(h, scope.event());
    pending.set(scope);
  }

  /** Appends {@code event} as the new head, in {@code h}'s transaction. */
  AuditEntry append(Handle h, AuditEvent event) {
    if (dialect == Dialect.POSTGRESQL) {
      h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked")
          .bind(0, APPEND_LOCK_KEY)
          .mapTo(Integer.class)
          .one();
    }
    AuditEntry head = head(h).orElse(null);
    // Never before the head: the chain reads oldest first, and clocks can step back.
    long now = Math.max(clock.millis(), head == null ? 0 : head.timestamp());
    AuditEntry entry = AuditChain.next(head, event, now);
    h.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
  }

  /** The write transaction on this thread committed: its scope entry, if any, is now durable. */
  void transactionCommitted() {
    AuditScope scope = pending.get();
    if (scope != null) {
      committed.set(scope);
      pending.remove();
    }
  }

  /** The write transaction on this thread rolled back, taking its scope entry with it. */
  void transactionRolledBack() {
    pending.remove();
  }

  static Optional<AuditEntry> head(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY sequence DESC LIMIT 1")
        .map((rs, ctx) -> entry(rs))
        .findOne();
  }

  static AuditEntry entry(ResultSet rs) throws SQLException {
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
