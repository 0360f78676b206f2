package dev.mledger.core.monitor;

import dev.mledger.core.error.MledgerException;
import java.util.Locale;

/** How urgent an alert is, in increasing order. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromName(String name) {
    for (Severity s : values()) {
      if (s.jsonName().equals(name)) {
        return s;
      }
    }
    throw MledgerException.invalidParameter(
        "Unknown severity '" + name + "'; use info, warning or critical.");
  }
}
