package dev.mledger.store.audit;

import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.audit.AuditEvent;
import dev.mledger.core.audit.ChainVerification;
import dev.mledger.core.error.MledgerException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only, hash-chained audit trail of mutations (datasets, registry, gates). Appends are
 * serialized, also across processes and PostgreSQL connections, so the chain never forks; entries
 * are never updated or deleted (the database refuses it with triggers, and {@link #verify} detects
 * it if someone bypasses them).
 */
public interface AuditLog {

  /**
   * Appends {@code event} as the new head, chained to the current one.
   *
   * @return the stored entry with its sequence number and hash
   */
  AuditEntry append(AuditEvent event);

  /** Shorthand for {@link #append(AuditEvent)}; details may be null. */
  default AuditEntry append(
      String actor,
      String action,
      String subjectType,
      String subjectId,
      Map<String, Object> details) {
    return append(new AuditEvent(actor, action, subjectType, subjectId, details));
  }

  /** Up to {@code limit} entries with a sequence number above {@code afterSequence}, in order. */
  List<AuditEntry> list(long afterSequence, int limit);

  /**
   * One page of entries matching {@code query}'s filters, in its order.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE when the page is larger than the store allows
   */
  List<AuditEntry> list(AuditQuery query);

  /** How many entries match {@code query}'s filters (its cursor and limit are ignored). */
  long count(AuditQuery query);

  /** The subject types and actors that occur in the log, for filter choices. */
  AuditFacets facets();

  /** The newest entry; empty for an empty log. */
  Optional<AuditEntry> head();

  /**
   * Re-checks the whole chain as stored, oldest first, streaming it.
   *
   * @param expectedHead a hash recorded earlier that must still be in the chain (detects a
   *     truncated tail); null for none
   */
  ChainVerification verify(String expectedHead);
}
