package dev.mledger.core.audit;

/** The chaining rule: how the next entry is built from the current head. */
public final class AuditChain {
  /** What the first entry links to: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private AuditChain() {}

  /**
   * The entry that follows {@code head} (null for an empty log), recording {@code event} at {@code
   * timestamp}.
   */
  public static AuditEntry next(AuditEntry head, AuditEvent event, long timestamp) {
    long sequence = head == null ? 1 : head.sequence() + 1;
    String previous = head == null ? GENESIS_HASH : head.hash();
    AuditEntry unsigned =
        new AuditEntry(
            sequence,
            timestamp,
            event.actor(),
            event.action(),
            event.subjectType(),
            event.subjectId(),
            event.details(),
            previous,
            null);
    return new AuditEntry(
        sequence,
        timestamp,
        event.actor(),
        event.action(),
        event.subjectType(),
        event.subjectId(),
        event.details(),
        previous,
        unsigned.computeHash());
  }
}
