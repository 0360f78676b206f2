package dev.mledger.core.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of verifying an audit chain. */
public sealed interface ChainVerification {

  /** Whether every entry checked out (and the expected head, if any, was found). */
  boolean intact();

  /** A JSON-ready view. */
  Map<String, Object> toJson();

  /**
   * The chain is intact.
   *
   * @param headHash the last entry's hash ({@link AuditChain#GENESIS_HASH} for an empty log)
   */
  record Intact(long entries, long headSequence, String headHash) implements ChainVerification {
    @Override
    public boolean intact() {
      return true;
    }

    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("intact", true);
      json.put("entries", entries);
      json.put("head_sequence", headSequence);
      json.put("head_hash", headHash);
      return json;
    }
  }

  /**
   * The first broken link.
   *
   * @param sequence the sequence number of the first entry that fails (for a missing expected head:
   *     the last sequence seen)
   * @param entriesChecked entries that verified before the break
   */
  record Broken(long sequence, Problem problem, String message, long entriesChecked)
      implements ChainVerification {
    @Override
    public boolean intact() {
      return false;
    }

    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("intact", false);
      json.put("sequence", sequence);
      json.put("problem", problem.name().toLowerCase(java.util.Locale.ROOT));
      json.put("message", message);
      json.put("entries_checked", entriesChecked);
      return json;
    }
  }

  /** How a chain can break. */
  enum Problem {
    /** An entry's content no longer matches its own hash. */
    EDITED,
    /** A sequence number is missing: an entry was deleted. */
    DELETED,
    /** Sequence numbers go backwards or repeat: entries were reordered or duplicated. */
    REORDERED,
    /**
     * An entry's previous hash is not the hash of the entry before it, although both verify on
     * their own: an entry was replaced by a re-hashed one, or the chain was spliced.
     */
    LINK_BROKEN,
    /** The expected head hash is not the chain's head: the tail was truncated or rewritten. */
    HEAD_MISMATCH
  }
}
