package dev.mledger.core.audit;

import dev.mledger.core.audit.ChainVerification.Problem;
import java.util.Locale;

/**
 * Verifies an audit chain entry by entry, in sequence order, without holding it in memory; it stops
 * at the first broken link.
 *
 * <pre>{@code
 * ChainVerifier verifier = new ChainVerifier(anchorOrNull);
 * for (AuditEntry e : entries) { if (!verifier.accept(e)) break; }
 * ChainVerification result = verifier.result();
 * }</pre>
 *
 * <p>The anchor is a hash recorded earlier (typically the head at that time). The log only grows,
 * so the anchor must appear somewhere in the chain; if it does not, the tail was truncated or
 * rewritten, which the links alone cannot reveal.
 */
public final class ChainVerifier {
  private final String anchor;
  private boolean anchorSeen;
  private long entries;
  private long lastSequence;
  private String lastHash = AuditChain.GENESIS_HASH;
  private ChainVerification.Broken broken;

  /** A verifier without an anchor. */
  public ChainVerifier() {
    this(null);
  }

  /**
   * @param anchor a hash that must appear in the chain; null for none
   */
  public ChainVerifier(String anchor) {
    this.anchor = anchor == null ? null : anchor.toLowerCase(Locale.ROOT);
    this.anchorSeen = anchor == null || AuditChain.GENESIS_HASH.equals(this.anchor);
  }

  /** Checks the next entry; false once the chain is broken (further entries are ignored). */
  public boolean accept(AuditEntry entry) {
    if (broken != null) {
      return false;
    }
    long expected = lastSequence + 1;
    if (entry.sequence() <= lastSequence) {
      return fail(
          entry.sequence(),
          Problem.REORDERED,
          "entry "
              + entry.sequence()
              + " comes after entry "
              + lastSequence
              + ": entries were reordered or duplicated");
    }
    if (!entry.computeHash().equals(entry.hash())) {
      return fail(
          entry.sequence(),
          Problem.EDITED,
          "entry " + entry.sequence() + " does not match its hash: it was edited");
    }
    if (entry.sequence() != expected) {
      String missing =
          entry.sequence() == expected + 1
              ? "entry " + expected + " is missing"
              : "entries " + expected + " to " + (entry.sequence() - 1) + " are missing";
      return fail(entry.sequence(), Problem.DELETED, missing + ": deleted");
    }
    if (!entry.previousHash().equals(lastHash)) {
      String before = lastSequence == 0 ? "the genesis hash" : "entry " + lastSequence;
      return fail(
          entry.sequence(),
          Problem.LINK_BROKEN,
          "entry "
              + entry.sequence()
              + " does not link to "
              + before
              + ": an entry was replaced or the chain was spliced");
    }
    entries++;
    lastSequence = entry.sequence();
    lastHash = entry.hash();
    anchorSeen |= lastHash.equals(anchor);
    return true;
  }

  /** The verdict on the entries accepted so far. */
  public ChainVerification result() {
    if (broken != null) {
      return broken;
    }
    if (!anchorSeen) {
      return new ChainVerification.Broken(
          lastSequence,
          Problem.HEAD_MISMATCH,
          "the expected head "
              + anchor
              + " is not in the chain (the head is entry "
              + lastSequence
              + ", "
              + lastHash
              + "): entries were truncated or rewritten",
          entries);
    }
    return new ChainVerification.Intact(entries, lastSequence, lastHash);
  }

  private boolean fail(long sequence, Problem problem, String message) {
    broken = new ChainVerification.Broken(sequence, problem, message, entries);
    return false;
  }
}
