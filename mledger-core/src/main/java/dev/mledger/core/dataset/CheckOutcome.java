package dev.mledger.core.dataset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one check of a {@link DataContract}.
 *
 * @param check the check's name, for example {@code schema.column.age} or {@code freshness}
 * @param status pass, warn or block
 * @param message what was checked and, on a violation, what was found
 */
public record CheckOutcome(String check, CheckStatus status, String message) {
  public CheckOutcome {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  static CheckOutcome pass(String check, String message) {
    return new CheckOutcome(check, CheckStatus.PASS, message);
  }

  static CheckOutcome block(String check, String message) {
    return new CheckOutcome(check, CheckStatus.BLOCK, message);
  }

  /** JSON form. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("check", check);
    m.put("status", status.jsonName());
    m.put("message", message);
    return m;
  }
}
