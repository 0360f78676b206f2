package dev.mledger.store.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

/** Audit entry details from key/value pairs; unlike {@code Map.of}, null values are kept. */
final class AuditDetails {
  private AuditDetails() {}

  static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      details.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return details;
  }
}
