package dev.mledger.core.audit;

import dev.mledger.core.envelope.CanonicalJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One link of the audit chain. {@code hash} is the SHA-256 (lower-case hex) of the canonical JSON
 * of every other field, {@code previousHash} included; the first entry (sequence 1) links to {@link
 * AuditChain#GENESIS_HASH}.
 *
 * @param sequence 1, 2, 3, ... without gaps
 * @param timestamp milliseconds since the epoch when the entry was appended
 */
public record AuditEntry(
    long sequence,
    long timestamp,
    String actor,
    String action,
    String subjectType,
    String subjectId,
    Map<String, Object> details,
    String previousHash,
    String hash) {

  public AuditEntry {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** The fields the hash covers, under their JSON names. */
  public Map<String, Object> hashedContent() {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("sequence", sequence);
    content.put("timestamp", timestamp);
    content.put("actor", actor);
    content.put("action", action);
    content.put("subjectType", subjectType);
    content.put("subjectId", subjectId);
    content.put("details", details);
    content.put("previousHash", previousHash);
    return content;
  }

  /** The hash this entry's content should have; differs from {@link #hash()} after an edit. */
  public String computeHash() {
    return CanonicalJson.sha256(hashedContent());
  }

  /** The entry as JSON: the hashed content plus {@code hash}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = hashedContent();
    json.put("hash", hash);
    return json;
  }
}
