package dev.mledger.store.audit;

import dev.mledger.core.error.MledgerException;

/**
 * One page of a filtered audit-log listing.
 *
 * @param subjectType only entries about this kind of subject ({@code model_version}, {@code
 *     dataset}, ...); null for any
 * @param actor only entries by this actor; null for any
 * @param newestFirst descending sequence order (the newest entry first) instead of oldest first
 * @param cursor exclusive bound on the sequence number: entries after it (oldest first) or before
 *     it (newest first); 0 starts at the beginning of the chosen order
 * @param limit page size, 1 or more
 */
public record AuditQuery(
    String subjectType, String actor, boolean newestFirst, long cursor, int limit) {

  public AuditQuery {
    subjectType = blankToNull(subjectType);
    actor = blankToNull(actor);
    if (cursor < 0) {
      throw MledgerException.invalidParameter(
          "The audit cursor must be a sequence number (0 or more), got " + cursor + ".");
    }
    if (limit < 1) {
      throw MledgerException.invalidParameter(
          "The audit page size must be at least 1, got " + limit + ".");
    }
  }

  /** The newest {@code limit} entries, unfiltered. */
  public static AuditQuery newest(int limit) {
    return new AuditQuery(null, null, true, 0, limit);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
