package dev.mledger.core.audit;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened, before it is chained: who did what to which subject, with JSON-like details.
 *
 * @param actor the user or service that made the change
 * @param action a dotted verb such as {@code registry.model_version.transition_stage}
 * @param subjectType the kind of thing changed, e.g. {@code model_version}, {@code dataset}
 * @param subjectId its id, e.g. {@code churn/3}
 * @param details maps, lists, strings, integers, finite doubles, booleans and nulls
 */
public record AuditEvent(
    String actor,
    String action,
    String subjectType,
    String subjectId,
    Map<String, Object> details) {

  /** Longest actor, action, subject type or subject id accepted. */
  public static final int MAX_FIELD_LENGTH = 512;

  /** Largest canonical JSON text of the details accepted. */
  public static final int MAX_DETAILS_LENGTH = 1 << 20;

  public AuditEvent {
    require(actor, "actor");
    require(action, "action");
    require(subjectType, "subject type");
    require(subjectId, "subject id");
    String canonical;
    try {
      canonical = CanonicalJson.write(details == null ? Map.of() : details);
    } catch (IllegalArgumentException e) {
      throw MledgerException.invalidParameter(
          "Audit details must be plain JSON values: " + e.getMessage());
    }
    if (canonical.length() > MAX_DETAILS_LENGTH) {
      throw MledgerException.invalidParameter(
          "Audit details are " + canonical.length() + " characters; at most " + MAX_DETAILS_LENGTH);
    }
    // Held as read back from their canonical text (integers as Long, objects key-sorted), so an
    // appended entry equals the one later read from the store.
    details = normalized(canonical);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalized(String canonical) {
    return Collections.unmodifiableMap(
        new LinkedHashMap<>((Map<String, Object>) CanonicalJson.parse(canonical)));
  }

  private static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw MledgerException.invalidParameter("An audit entry needs a non-empty " + what + ".");
    }
    if (value.length() > MAX_FIELD_LENGTH) {
      throw MledgerException.invalidParameter(
          "An audit entry's " + what + " is longer than " + MAX_FIELD_LENGTH + " characters.");
    }
  }
}
